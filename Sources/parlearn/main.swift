import ArgumentParser

Parlearn.main()
