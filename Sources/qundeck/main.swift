import ArgumentParser
import Foundation

setlocale(LC_ALL, "")
Qundeck.main()
