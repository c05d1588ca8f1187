# ünïcode: π ≈ 3.14159, 日本語 
data = {"a": {"b": 1}}
template = f"{{x}} {data['a']['b']} {{ y }}"
markup = "<b>&amp;</b> & <i>"   
doc = """line one
    
	tab-indented line   
`backticks` and ``two``
"""


def f(x):
	if x < 2 and x > 0:
		return x
	return {x: x}

print(template, markup, repr(doc))
f(1)
