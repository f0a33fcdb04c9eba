package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// fakePulumi writes a pulumi stand-in that prints out for exactly `stack output --json --stack dev`.
func fakePulumi(t *testing.T, out string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pulumi")
	script := "#!/bin/sh\n" +
		"if [ \"$*\" != \"stack output --json --stack dev\" ]; then echo \"unexpected args: $*\" >&2; exit 3; fi\n" +
		"cat <<'JSON'\n" + out + "\nJSON\n"
	require.NoError(t, os.WriteFile(path, []byte(script), 0o755))
	return path
}

func TestStackOutputs(t *testing.T) {
	t.Parallel()
	pulumi := fakePulumi(t, `{"invokeUrl":"https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev",`+
		`"logGroupName":"/apigateway/apigw-access-logs/dev/access","accessLogFormat":"$context.requestId",`+
		`"retentionInDays":7}`)
	got, err := stackOutputs(context.Background(), pulumi, "dev", t.TempDir())
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"invokeUrl":       "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev",
		"logGroupName":    "/apigateway/apigw-access-logs/dev/access",
		"accessLogFormat": "$context.requestId",
	}, got, "string outputs only")

	_, err = stackOutputs(context.Background(), pulumi, "prod", t.TempDir())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "pulumi stack output --json --stack prod")
	assert.Contains(t, err.Error(), "unexpected args: stack output --json --stack prod", "pulumi's stderr is kept")
}

func TestStackOutputsWithoutPulumi(t *testing.T) {
	t.Parallel()
	_, err := stackOutputs(context.Background(), filepath.Join(t.TempDir(), "pulumi"), "dev", ".")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-stack dev needs the pulumi CLI, which is not on PATH")
	assert.Contains(t, err.Error(), "pass -url, -log-group and -format")
}

func TestSettings(t *testing.T) {
	t.Parallel()
	outputs := map[string]string{"invokeUrl": "https://stack/dev", "logGroupName": "stack-group", "accessLogFormat": "stack-format"}
	s := settings{logGroup: "flag-group"}.withOutputs(outputs)
	assert.Equal(t, settings{url: "https://stack/dev", logGroup: "flag-group", format: "stack-format"}, s, "flags win over outputs")
	require.NoError(t, s.complete("dev"))

	err := settings{url: "https://x/dev"}.complete("")
	require.Error(t, err)
	assert.Equal(t, "missing -log-group, -format, or -stack to read them from a stack's outputs", err.Error())

	err = settings{}.withOutputs(map[string]string{"invokeUrl": "https://x/dev"}).complete("dev")
	require.Error(t, err)
	assert.Equal(t, "missing -log-group (stack dev has no output logGroupName), -format (stack dev has no output accessLogFormat)", err.Error())
}

func TestResolveFormat(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"json", "clf", "http-clf", "websocket-json"} {
		f, err := resolveFormat(name)
		require.NoError(t, err, name)
		assert.Contains(t, f, "$context.requestId", name)
	}
	custom := `{"id":"$context.requestId"}`
	f, err := resolveFormat(custom)
	require.NoError(t, err)
	assert.Equal(t, custom, f)

	_, err = resolveFormat("JSON")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `-format "JSON" is neither a format with $context variables nor a preset`)
	assert.Contains(t, err.Error(), strings.Join(accesslog.PresetNames(), ", "))
}

func TestRegionFromURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev":    "eu-west-1",
		"https://abc123defg.execute-api.cn-north-1.amazonaws.com.cn/v1": "cn-north-1",
		"https://api.example.com/dev":                                   "",
		"wss://abc123defg.execute-api.us-east-2.amazonaws.com/prod":     "us-east-2",
		"::not a url": "",
	} {
		assert.Equal(t, want, regionFromURL(in), in)
	}
}

func TestPrintFieldsSortsByName(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	printFields(&b, map[string]string{"status": "200", "requestId": "c6af9ac6", "httpMethod": "GET"})
	assert.Equal(t, "field       value\nhttpMethod  GET\nrequestId   c6af9ac6\nstatus      200\n", b.String())
}
