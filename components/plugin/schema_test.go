package plugin_test

import (
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/plugin"
)

var update = flag.Bool("update", false, "rewrite provider/schema.json from the components' Go types")

// schemaFile is the schema the provider serves (embedded in provider/main.go), seen from this package.
const schemaFile = "../../provider/schema.json"

// The committed schema is the one derived from the Go types and doc comments: a changed Args field, output,
// enumeration value or doc comment fails here until the schema is regenerated and reviewed.
func TestSchemaIsDerivedFromTheGoTypes(t *testing.T) {
	t.Parallel()
	got, err := plugin.Schema(os.DirFS(".."))
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(schemaFile, got, 0o644))
	}
	want, err := os.ReadFile(schemaFile)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got),
		"provider/schema.json is stale: go test ./components/plugin -run TestSchema -update, and review the diff")
}

// Every tagged field of every Args struct is an input of its resource in the schema, fields of embedded structs
// (such as ExecutionLogArgs) included, so no field can drop out of other languages silently.
func TestSchemaListsEveryArgsField(t *testing.T) {
	t.Parallel()
	var spec struct {
		Resources map[string]struct{ InputProperties map[string]any }
	}
	b, err := os.ReadFile(schemaFile)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &spec))
	var tags func(reflect.Type) []string
	tags = func(t reflect.Type) []string {
		var out []string
		for i := range t.NumField() {
			f := t.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
			switch {
			case f.Anonymous && tag == "":
				out = append(out, tags(f.Type)...)
			case tag != "":
				out = append(out, tag)
			}
		}
		return out
	}
	for token, args := range map[string]any{
		"LogGroup": apigwlogs.LogGroupArgs{}, "CloudWatchRole": apigwlogs.CloudWatchRoleArgs{},
		"Account": apigwlogs.AccountArgs{}, "Stage": apigwlogs.StageArgs{}, "HttpStage": apigwlogs.HTTPStageArgs{},
		"WebSocketStage": apigwlogs.WebSocketStageArgs{}, "AccessLogging": apigwlogs.AccessLoggingArgs{},
		"LogKey": apigwlogs.LogKeyArgs{}, "Monitoring": apigwlogs.MonitoringArgs{},
		"Dashboard": apigwlogs.DashboardArgs{}, "ExecutionLogDelivery": apigwlogs.ExecutionLogDeliveryArgs{},
	} {
		r, ok := spec.Resources[plugin.Package+":index:"+token]
		require.True(t, ok, token)
		fields := tags(reflect.TypeOf(args))
		require.NotEmpty(t, fields, token)
		for _, f := range fields {
			assert.Contains(t, r.InputProperties, f, "%s: the schema lacks the input %s", token, f)
		}
	}
}
