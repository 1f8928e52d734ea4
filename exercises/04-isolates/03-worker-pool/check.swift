import ParLearnKit

scenario("five numbers, two workers") {
    let squares = squareAll([1, 2, 3, 4, 5], workers: 2)
    check(squares == [1, 4, 9, 16, 25], "squareAll returned \(squares), expected [1, 4, 9, 16, 25]")
}

scenario("no numbers, three workers") {
    let squares = squareAll([], workers: 3)
    check(squares == [], "squareAll returned \(squares), expected []")
}
