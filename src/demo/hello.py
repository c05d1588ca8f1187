# Run with src= by the demo page and by the src test.
greeting = "hello from a file"
print(greeting)
len(greeting)
