"""Accessible publishing pipeline: one Markdown source, many accessible editions.

Data flows one way: source → AST → filtered AST → editions → checks.
"""
