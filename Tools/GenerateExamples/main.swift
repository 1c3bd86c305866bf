// Regenerates examples/ deterministically.
print("generate-examples: not written yet")
