// The capstone's three routes over the in-memory transport: digits of e (CPU-bound), a timed
// wait standing for a database call (IO-bound), and a tenant-signed charge. Each request is a
// task of its own, as on an async server; the checker interleaves them.
import ParLearnKit

// [routes]
/// The first `places` decimals of e, by Sale's spigot (1968): e = 2 + 1/2!·(1 + 1/3·(1 + …)).
func digitsOfE(_ places: Int) -> String {
    var remainders = [Int](repeating: 1, count: places + 10)
    var digits = "2."
    for _ in 0..<places {
        var carry = 0
        for i in remainders.indices.reversed() {
            let x = remainders[i] * 10 + carry
            remainders[i] = x % (i + 2)
            carry = x / (i + 2)
        }
        digits += String(carry)
    }
    return digits
}

enum Signer {
    @TaskLocal static var apiKey = ""
}

func serviceRouter() -> Router {
    var router = Router()
    router.get("/e") { request in
        guard let places = Int(request.headers["x-places"] ?? "20"), (1...10_000).contains(places) else {
            return .badRequest
        }
        return .ok(digitsOfE(places))
    }
    router.get("/io") { _ in
        await sleep(for: .milliseconds(50))      // a database call
        return .ok("waited 50 ms")
    }
    router.post("/charge") { request in
        await Signer.$apiKey.withValue(request.headers["x-api-key"] ?? "") {
            await sleep(for: .milliseconds(20))
            return .ok("charge \(request.body), signed with \(Signer.apiKey)")
        }
    }
    return router
}
// [/routes]

// [scenario]
scenario("three routes at once") {
    let server = InMemoryServer(serviceRouter())
    let e = server.send(Request("GET", "/e", headers: ["x-places": "10"]), as: "cpu")
    let io = server.send(Request("GET", "/io"), as: "io")
    let charge = server.send(Request("POST", "/charge", headers: ["x-api-key": "sk_a"], body: "100"), as: "charge")
    let (re, rio, rcharge) = await (e.value, io.value, charge.value)
    print("GET /e       → \(re)")
    print("GET /io      → \(rio)")
    print("POST /charge → \(rcharge)")
    check(re.body == "2.7182818284", "e came back as \(re.body)")
    check(rio.status == 200 && rcharge.body.hasSuffix("sk_a"), "io: \(rio), charge: \(rcharge)")
}
// [/scenario]
