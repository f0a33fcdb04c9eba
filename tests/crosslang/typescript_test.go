package crosslang

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/stretchr/testify/require"
)

// typescriptDir holds the npm packages the TypeScript check needs (@pulumi/pulumi, typescript), pinned by
// its package-lock.json; .ci/run installs them with npm ci.
const typescriptDir = "typescript"

// The README's TypeScript example type-checks (tsc --noEmit, strict) against the Node.js SDK generated from
// the schema the built provider serves, with the code the Node.js language host runs for `pulumi package add`
// (pkg/v3's codegen/nodejs). A renamed or retyped input, a lost enumeration or output, fails here as it
// would fail a TypeScript program.
func TestTypeScriptExampleTypeChecks(t *testing.T) {
	t.Parallel()
	tsc, err := filepath.Abs(filepath.Join(typescriptDir, "node_modules", ".bin", "tsc"))
	require.NoError(t, err)
	if _, err := os.Stat(tsc); err != nil {
		t.Skipf("%s is not installed: run npm ci in tests/crosslang/%s (.ci/run does)", tsc, typescriptDir)
	}
	modules, err := filepath.Abs(filepath.Join(typescriptDir, "node_modules"))
	require.NoError(t, err)

	files, err := nodejs.GeneratePackage("pulumi", bindSchema(t), nil, nil, true, noPackages{})
	require.NoError(t, err)
	dir := t.TempDir()
	sdk := filepath.Join(dir, "sdk")
	writeFiles(t, sdk, files)
	require.NoError(t, os.Symlink(modules, filepath.Join(dir, "node_modules")))
	writeFiles(t, dir, map[string][]byte{
		"index.ts": []byte(readmeExample(t, "ts")),
		// The SDK's own package name (its package.json) maps to the generated sources, as npm would install it.
		// skipLibCheck leaves the installed packages' declaration files unchecked against each other
		// (@types/node's and TypeScript's own libraries disagree); the example and the SDK's sources are checked.
		"tsconfig.json": []byte(`{
  "compilerOptions": {
    "strict": true, "noEmit": true, "target": "es2020", "module": "commonjs", "moduleResolution": "node",
    "esModuleInterop": true, "skipLibCheck": true, "baseUrl": ".", "paths": {"` + packageName(t, files) + `": ["./sdk"]}
  },
  "files": ["index.ts"]
}
`),
	})
	out, err := exec.Command(tsc, "--project", filepath.Join(dir, "tsconfig.json")).CombinedOutput()
	require.NoError(t, err, "tsc --noEmit on the README's TypeScript example:\n%s\nthe example:\n%s", out,
		readmeExample(t, "ts"))
}

// writeFiles writes files (paths relative to dir) under dir.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, data, 0o644))
	}
}

// packageName is the npm package name of a generated SDK, from its package.json.
func packageName(t *testing.T, files map[string][]byte) string {
	t.Helper()
	var pkg struct{ Name string }
	require.NoError(t, json.Unmarshal(files["package.json"], &pkg))
	require.NotEmpty(t, pkg.Name)
	return pkg.Name
}
