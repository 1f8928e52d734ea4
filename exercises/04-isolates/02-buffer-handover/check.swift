import ParLearnKit

scenario("three readings") {
    let sum = loadAndSum([3, 5, 7])
    check(sum == 15, "loadAndSum([3, 5, 7]) returned \(sum), expected 15")
}

scenario("an empty day") {
    let sum = loadAndSum([])
    check(sum == 0, "loadAndSum([]) returned \(sum), expected 0")
}
