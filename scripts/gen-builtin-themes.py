# Regenerates the built-in theme block of ThemeLoader.swift from Themes/*.toml.
# Usage: python3 scripts/gen-builtin-themes.py .   (run after editing Themes/*.toml)
import glob, os, sys
root = sys.argv[1]
loader = os.path.join(root, "Sources/QunTUI/Theme/ThemeLoader.swift")
begin, end = "// GENERATED-BUILT-INS-BEGIN\n", "// GENERATED-BUILT-INS-END\n"
entries = []
for path in sorted(glob.glob(os.path.join(root, "Themes/*.toml"))):
    name = os.path.basename(path)[:-5]
    text = open(path, encoding="utf-8").read()
    assert text.endswith("\n") and '"""#' not in text
    entries.append(f'        "{name}": #"""\n{text}\n"""#,\n')
block = (begin
    + "/// The shipped Themes/*.toml files, compiled in so `qundeck` and the tests work from any\n"
    + "/// directory. Keep them byte-for-byte equal to the files: ThemeTests fails otherwise.\n"
    + "enum BuiltInThemes {\n    static let sources: [String: String] = [\n"
    + "".join(entries) + "    ]\n}\n" + end)
s = open(loader, encoding="utf-8").read()
a, b = s.index(begin), s.index(end) + len(end)
open(loader, "w", encoding="utf-8").write(s[:a] + block + s[b:])
