// The check for threads-rendezvous. It belongs to the workbook: edit lobby.swift, not this file.
import ParLearnKit

/// The host and the guest each load `rounds` rounds and meet in the lobby before playing each.
func match(rounds: Int) {
    let lobby = Lobby()
    let loaded = [Atomic(0, "hostLoaded"), Atomic(0, "guestLoaded")]
    let names = ["host", "guest"]
    let players = [0, 1].map { me in
        spawn(names[me]) {
            for round in 1...rounds {
                loaded[me].store(round)
                if me == 0 { lobby.hostReady() } else { lobby.guestReady() }
                let other = loaded[1 - me].load()
                check(other >= round,
                      "the \(names[me]) started round \(round) while the \(names[1 - me]) had loaded only round \(other)")
            }
        }
    }
    for player in players { player.join() }
}

scenario("one round") {
    match(rounds: 1)
}

scenario("three rounds") {
    match(rounds: 3)
}
