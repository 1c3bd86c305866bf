func runMustacheBenchmark(_ arguments: [String]) {
    print("Mustache benchmark: not written yet")
}
