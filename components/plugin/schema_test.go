package plugin_test

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/plugin"
)

var update = flag.Bool("update", false, "rewrite provider/schema.json from the components' Go types")

// schemaFile is the schema the provider serves (embedded in provider/main.go), seen from this package.
const schemaFile = "../../provider/schema.json"

// The committed schema is the one derived from the Go types and doc comments: a changed Args field, output,
// enumeration value or doc comment fails here until the schema is regenerated and reviewed.
func TestSchemaIsDerivedFromTheGoTypes(t *testing.T) {
	t.Parallel()
	got, err := plugin.Schema(os.DirFS("../apigwlogs"))
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(schemaFile, got, 0o644))
	}
	want, err := os.ReadFile(schemaFile)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got),
		"provider/schema.json is stale: go test ./components/plugin -run TestSchema -update, and review the diff")
}
