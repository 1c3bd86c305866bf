func runNationalBenchmark(_ arguments: [String]) {
    print("National benchmark: not written yet")
}
