// The check of free-global-lock: there are 9 592 primes below 100 000.
func stressSetUp() { resetPrimes() }

func stressCheck() -> String? {
    primeCount() == 9_592 ? nil : "\(primeCount()) primes counted, expected 9592"
}
