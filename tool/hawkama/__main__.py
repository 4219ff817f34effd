from hawkama.cli import cli

cli()
