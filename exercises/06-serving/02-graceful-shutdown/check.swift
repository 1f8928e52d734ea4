// The check for serving-graceful-shutdown. It belongs to the workbook: edit server.swift, not this file.
import ParLearnKit

scenario("shutdown after three requests") {
    let server = Server(workers: 2)
    let sent = (1...3).compactMap { try? server.listener.connect(Request("GET", "/report/\($0)"), as: "request-\($0)") }
    check(sent.count == 3, "the server refused a request before it was shut down")
    server.shutdown()
    for connection in sent {
        let answer = connection.response()
        check(answer == .ok("report \(connection.request.path.split(separator: "/").last ?? "")"),
              "\(connection.name) was accepted before the shutdown and answered \"\(answer.map(\.description) ?? "nothing")\"")
    }
}

scenario("a request after shutdown is refused") {
    let server = Server(workers: 1)
    let early = try? server.listener.connect(Request("GET", "/report/1"), as: "early")
    server.shutdown()
    let late = try? server.listener.connect(Request("GET", "/report/2"), as: "late")
    check(late == nil, "a request that came after the shutdown was accepted")
    check(early?.response() == .ok("report 1"), "the early request was answered \"\(early?.response().map(\.description) ?? "nothing")\"")
}
