func runCSVBenchmark(_ arguments: [String]) {
    print("CSV benchmark: not written yet")
}
