package crosslang

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// The README's YAML example runs through the Pulumi CLI and the YAML language host (tests/tools), as a user
// runs it:
//   - in a fresh project holding the example as its Pulumi.yaml, `pulumi package add` of the built provider
//     succeeds and records the package;
//   - `pulumi up` runs the example, with the provider on PATH as pulumi-resource-apigwlogs, against a simulated
//     AWS account served as the `aws` plugin (PULUMI_DEBUG_PROVIDERS), in which an earlier stack created the
//     REST API to log; the stage then logs to the group the stack exports;
//   - a second `pulumi up --expect-no-changes` changes nothing.
//
// The state is kept in the test's directory (PULUMI_BACKEND_URL), never in the user's home.
func TestYAMLExampleThroughTheCLI(t *testing.T) {
	t.Parallel()
	pulumi := tool(t, "pulumi")
	tool(t, "pulumi-language-yaml")

	acct := newAccount()
	api := deployAPI(t, acct)
	ctx, cancel := context.WithCancel(context.Background())
	port, stop, err := acct.Serve(ctx)
	require.NoError(t, err)
	t.Cleanup(func() {
		cancel()
		assert.NoError(t, stop())
	})

	dir := t.TempDir()
	project := filepath.Join(dir, "project")
	for _, d := range []string{project, filepath.Join(dir, "state"), filepath.Join(dir, "home")} {
		require.NoError(t, os.MkdirAll(d, 0o755))
	}
	example := readmeExample(t, "yaml")
	require.NoError(t, os.WriteFile(filepath.Join(project, "Pulumi.yaml"), []byte(example), 0o644))
	env := append(os.Environ(),
		"PATH="+filepath.Dir(pulumi)+string(os.PathListSeparator)+filepath.Dir(providerBin)+
			string(os.PathListSeparator)+os.Getenv("PATH"),
		"PULUMI_HOME="+filepath.Join(dir, "home"),
		"PULUMI_BACKEND_URL=file://"+filepath.Join(dir, "state"),
		"PULUMI_CONFIG_PASSPHRASE=crosslang",
		"PULUMI_SKIP_UPDATE_CHECK=true",
		"PULUMI_SKIP_CONFIRMATIONS=true",
		fmt.Sprintf("PULUMI_DEBUG_PROVIDERS=aws:%d", port),
	)
	run := func(args ...string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, pulumi, append(args, "--non-interactive", "--color", "never")...)
		cmd.Dir, cmd.Env = project, env
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "pulumi %s:\n%s", strings.Join(args, " "), out)
		return string(out)
	}

	run("package", "add", providerBin)
	var recorded struct{ Packages map[string]any }
	data, err := os.ReadFile(filepath.Join(project, "Pulumi.yaml"))
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(data, &recorded))
	assert.Contains(t, recorded.Packages, "apigwlogs", "pulumi package add recorded the package:\n%s", data)

	run("stack", "init", "dev")
	run("config", "set", "aws:region", acct.Region())
	run("config", "set", "apiId", api.Output("apiId"))
	run("config", "set", "deploymentId", api.Output("deploymentId"))
	run("up", "--yes")
	group := strings.TrimSpace(run("stack", "output", "logGroupName"))
	assert.NotEmpty(t, group, "the stack exports the access-log group")
	assert.NoError(t, acct.LoggingHealth(api.Output("apiId"), "prod"), "the stage logs")
	run("up", "--yes", "--expect-no-changes")
}
