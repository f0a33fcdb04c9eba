package modules

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// root is the repository root, seen from this package's directory, where go test runs.
const root = "../.."

// testOnly are module path prefixes the root module must not need: importers would download them, and their
// versions would constrain the importer's own build.
var testOnly = []string{
	"github.com/pulumi/pulumi/pkg/v3",
	"github.com/aws/aws-sdk-go-v2",
}

// rootBuildList is `go list -m -json all` of the root module on its own (GOWORK=off): what an importer's
// module graph gets from it.
func rootBuildList(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-m", "-json", "all")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "go list -m all in the root module: %s", stderr.String())
	var paths []string
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var m struct{ Path string }
		require.NoError(t, dec.Decode(&m))
		paths = append(paths, m.Path)
	}
	return paths
}

func TestRootModuleNeedsNoEngineNorAWSSDK(t *testing.T) {
	t.Parallel()
	paths := rootBuildList(t)
	require.Contains(t, paths, "github.com/pulumi/pulumi/sdk/v3", "the build list was read")
	for _, p := range paths {
		for _, prefix := range testOnly {
			assert.False(t, strings.HasPrefix(p, prefix),
				"the root module's build list has %s: move the package or test that imports it into the tests "+
					"module (tests/), so importers of the components never download it", p)
		}
	}
}
