import Foundation
import OktaGenTestSupport

// `swift run record-goldens`: rewrites every golden tree of the generator tests (`GoldenCatalog.all`: rendered output
// in Tests/GoldenOutput, IR and template-override goldens in Tests/OktaGenTests/Goldens) with what the current
// generator produces, then lists the changes for review.
//
// It depends on the generator's libraries only, not on the golden targets nor on any test target: it builds and runs
// when a template change makes a golden stop compiling, which on Linux keeps the whole test bundle (every test target
// linked into one) from building. `Generated/` it only checks: `swift run oktagen generate` rewrites it, with its
// manifest.

var changed = 0
var failed = false
for tree in GoldenCatalog.all {
    do {
        let changes = GoldenSupport.differences(try tree.produce(), with: tree.directory, record: true)
        changed += changes.count
        print("\(tree.name): \(changes.isEmpty ? "unchanged" : "\(changes.count) change(s)") (\(tree.directory.path))")
        for change in changes { print("  " + change.replacingOccurrences(of: "\n", with: "\n  ")) }
    } catch {
        failed = true
        print("\(tree.name): cannot produce it: \(error)")
    }
}
do {
    let stale = GoldenSupport.differences(
        try GoldenCatalog.generated.produce(), with: GoldenCatalog.generated.directory, record: false)
    if !stale.isEmpty {
        print("Generated/ is stale (\(stale.count) file(s)): run `swift run oktagen generate`")
    }
} catch {
    failed = true
    print("Generated/: cannot render the default spec: \(error)")
}
print(
    changed == 0
        ? "goldens unchanged" : "re-recorded \(changed) golden file(s): review `git diff`, then run `swift test`")
exit(failed ? 1 : 0)
