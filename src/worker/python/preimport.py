# Run before a memory snapshot is taken: standard modules that take tens of milliseconds to import
# (statistics with fractions, decimal and random; pprint; csv), so a boot from the snapshot has them
# ready. Leaves no names behind, and holds nothing of JavaScript (a snapshot cannot keep that).
[__import__(name) for name in ("statistics", "pprint", "csv")]
