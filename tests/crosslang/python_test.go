package crosslang

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/stretchr/testify/require"
)

// The README's Python example and the Python SDK generated from the schema the built provider serves, with
// the code the Python language host runs for `pulumi package add` (pkg/v3's codegen/python), compile
// (python3 -m py_compile), and every keyword argument, enumeration member and output the example uses is in
// the generated SDK (checks/python_uses.py reads both with Python's own parser). There is no PyPI here, so
// nothing imports the pulumi package: the SDK's calls into it and the example's run are not checked.
func TestPythonExampleCompiles(t *testing.T) {
	t.Parallel()
	python3, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	files, err := python.GeneratePackage("pulumi", bindSchema(t), nil, noPackages{})
	require.NoError(t, err)
	dir := t.TempDir()
	writeFiles(t, dir, files)
	writeFiles(t, dir, map[string][]byte{"__main__.py": []byte(readmeExample(t, "python"))})
	sources, err := filepath.Glob(filepath.Join(dir, "*", "*.py"))
	require.NoError(t, err)
	require.NotEmpty(t, sources, "the SDK has Python sources")
	args := append([]string{"-m", "py_compile", filepath.Join(dir, "__main__.py")}, sources...)
	out, err := exec.Command(python3, args...).CombinedOutput()
	require.NoError(t, err, "py_compile:\n%s", out)

	check, err := filepath.Abs(filepath.Join("testdata", "python_uses.py"))
	require.NoError(t, err)
	cmd := exec.Command(python3, check, filepath.Join(dir, "__main__.py"), filepath.Join(dir, "pulumi_apigwlogs"))
	out, err = cmd.CombinedOutput()
	require.NoError(t, err, "the example uses what the SDK has:\n%s", out)
}
