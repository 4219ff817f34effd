"""Hawkama's expression language: parsed once into a whitelisted tree, never eval'd.

    PRV-01 in ['biometric', 'health'] and intake.scale != 'individual'
    round_half_up(raw * 0.85) if mitigation >= 0.8 * max_mitigation / 2 else raw

Names with '-' or '.' inside (question ids such as PRV-03, intake.sector) are single
names, so subtraction needs spaces around the minus: ``a - 1``.
"""

from hawkama.expr.compile import Compiled, Scope, compile_expr
from hawkama.expr.syntax import ExprSyntaxError, parse

__all__ = ["Compiled", "ExprSyntaxError", "Scope", "compile_expr", "parse"]
