package crosslang

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy/deploytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/env"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/program"
	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// providerBin is the provider binary (provider/), built once for the package's tests.
var providerBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "apigwlogs-provider-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	providerBin = filepath.Join(dir, "pulumi-resource-apigwlogs")
	build := exec.Command("go", "build", "-o", providerBin, "github.com/apigw-access-logs/apigw-access-logs/provider")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the provider: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// providerLoader makes the engine start the provider binary for package apigwlogs, as `pulumi up` does for a
// program that uses the package: the engine launches it with its own address, and the program's component
// registrations reach it as Construct calls over gRPC. The test's end stops the processes (the test host
// does not).
func providerLoader(t *testing.T) *deploytest.ProviderLoader {
	return deploytest.NewProviderLoaderWithHost("apigwlogs", semver.MustParse("1.0.0"),
		func(host plugin.Host) (plugin.Provider, error) {
			sink := diag.DefaultSink(os.Stderr, os.Stderr, diag.FormatOptions{Color: colors.Never})
			pctx, err := plugin.NewContext(context.Background(), sink, sink, host, nil, filepath.Dir(providerBin),
				nil, false, nil, nil)
			if err != nil {
				return nil, err
			}
			prov, err := plugin.NewProviderFromPath(host, pctx, providerBin, env.Global())
			if err == nil {
				t.Cleanup(func() { assert.NoError(t, prov.Close()) })
			}
			return prov, err
		}, deploytest.WithoutGrpc)
}

// newAccount is a fresh simulated account, with latencies that would expose a stage not waiting for the
// account setting.
func newAccount() *simaws.Account {
	ms := time.Millisecond
	return simaws.NewAccount(simaws.Options{
		Latency: map[string]simaws.Latency{
			simaws.TypeRole: {Min: 4 * ms, Max: 12 * ms}, simaws.TypeRolePolicyAttachment: {Min: 4 * ms, Max: 12 * ms},
			simaws.TypeAccount: {Min: 4 * ms, Max: 12 * ms},
		},
		DefaultLatency: simaws.Latency{Min: ms, Max: 3 * ms},
	})
}

// deployAPI creates the REST API to log (the program's demo API) in its own stack and returns the stack, whose
// outputs are the API and deployment ids.
func deployAPI(t *testing.T, acct *simaws.Account) *harness.Stack {
	t.Helper()
	s := harness.NewStack("api", acct, nil)
	s.Program = func(ctx *pulumi.Context) error {
		api, err := program.NewDemoAPI(ctx, "orders", nil)
		if err != nil {
			return err
		}
		ctx.Export("apiId", api.APIID)
		ctx.Export("deploymentId", api.DeploymentID)
		return nil
	}
	require.NoError(t, s.Up(t).Err)
	return s
}

// logStack is the stack that logs the API, running prog with the API's ids as config.
func logStack(t *testing.T, acct *simaws.Account, api *harness.Stack, prog pulumi.RunFunc) *harness.Stack {
	s := harness.NewStack("dev", acct, nil)
	s.Set("apiId", api.Output("apiId"))
	s.Set("deploymentId", api.Output("deploymentId"))
	s.Program = prog
	s.Providers = []*deploytest.ProviderLoader{providerLoader(t)}
	return s
}

// goProgram reads the same config as the YAML programs and calls build.
func goProgram(build func(ctx *pulumi.Context, apiID, deploymentID pulumi.String) error) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		return build(ctx, pulumi.String(cfg.Require("apiId")), pulumi.String(cfg.Require("deploymentId")))
	}
}

// The Go calls the YAML programs in testdata make.
var goEquivalents = map[string]pulumi.RunFunc{
	"accesslogging.yaml": goProgram(func(ctx *pulumi.Context, apiID, deploymentID pulumi.String) error {
		_, err := apigwlogs.NewAccessLogging(ctx, "orders", &apigwlogs.AccessLoggingArgs{
			APIID:            apiID,
			DeploymentID:     deploymentID,
			StageName:        pulumi.String("prod"),
			AccessLogFormat:  pulumi.String("json"),
			RetentionInDays:  pulumi.Int(90),
			ExecutionLogging: apigwlogs.ExecutionLoggingError,
			Tags:             pulumi.StringMap{"team": pulumi.String("payments")},
		})
		return err
	}),
	"parts.yaml": goProgram(func(ctx *pulumi.Context, apiID, deploymentID pulumi.String) error {
		account, err := apigwlogs.NewAccount(ctx, "apigw-account", nil)
		if err != nil {
			return err
		}
		group, err := apigwlogs.NewLogGroup(ctx, "orders", &apigwlogs.LogGroupArgs{RetentionInDays: pulumi.Int(30)})
		if err != nil {
			return err
		}
		_, err = apigwlogs.NewStage(ctx, "orders-prod", &apigwlogs.StageArgs{
			APIID:           apiID,
			DeploymentID:    deploymentID,
			StageName:       pulumi.String("prod"),
			LogGroup:        group,
			Account:         account,
			AccessLogFormat: pulumi.String("clf"),
		})
		return err
	}),
}

// node is a resource of a stack as the comparison sees it: ids the account generated (random names, API ids)
// replaced by the type and name of the resource that holds them.
type node struct {
	Type, Parent    string
	Custom          bool
	Inputs, Outputs string
}

// resources returns the stack's resources (components, AWS resources and reads; not providers or the stack)
// by URN.
func resources(t *testing.T, s *harness.Stack, ids *strings.Replacer) map[string]node {
	t.Helper()
	out := map[string]node{}
	for _, r := range s.Snapshot.Resources {
		if r.Delete || r.Type == resource.RootStackType || strings.HasPrefix(string(r.Type), "pulumi:providers:") {
			continue
		}
		n := node{Type: string(r.Type), Parent: string(r.Parent), Custom: r.Custom, Inputs: normalized(t, r.Inputs, ids)}
		if !r.Custom { // a component's outputs are what its constructor registered; an AWS resource's follow its inputs
			n.Outputs = normalized(t, r.Outputs, ids)
		}
		out[string(r.URN)] = n
	}
	return out
}

func normalized(t *testing.T, m resource.PropertyMap, ids *strings.Replacer) string {
	t.Helper()
	b, err := json.Marshal(m.Mappable())
	require.NoError(t, err)
	return ids.Replace(string(b))
}

// generatedIDs replaces the physical id of every AWS resource of the stacks with "<type::name>".
func generatedIDs(stacks ...*harness.Stack) *strings.Replacer {
	var ids []string
	names := map[string]string{}
	for _, s := range stacks {
		for _, r := range s.Snapshot.Resources {
			if id := string(r.ID); r.Custom && id != "" && !strings.HasPrefix(string(r.Type), "pulumi:providers:") {
				ids = append(ids, id)
				names[id] = "<" + string(r.Type) + "::" + r.URN.Name() + ">"
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return len(ids[i]) > len(ids[j]) }) // longest first
	var pairs []string
	for _, id := range ids {
		pairs = append(pairs, id, names[id])
	}
	return strings.NewReplacer(pairs...)
}

// A YAML program and the same calls in Go, each on a fresh account with the API to log, create the same
// resources: the same components and AWS resources under the same URNs (so the same names and parents), with
// the same inputs, the components with the same outputs; a preview of each plans the same steps.
func TestYAMLProgramCreatesWhatTheGoCallCreates(t *testing.T) {
	t.Parallel()
	for file, goProg := range goEquivalents {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			yamlProg, yamlResources, err := loadYAMLProgram(filepath.Join("testdata", file))
			require.NoError(t, err)
			checkAgainstSchema(t, yamlResources)

			run := func(prog pulumi.RunFunc) (*harness.Stack, *harness.Result, map[string]node) {
				acct := newAccount()
				api := deployAPI(t, acct)
				s := logStack(t, acct, api, prog)
				preview := s.Preview(t)
				require.NoError(t, preview.Err, "preview: %v", preview.Diagnostics())
				res := s.Up(t)
				require.NoError(t, res.Err, "up: %v", res.Diagnostics())
				return s, preview, resources(t, s, generatedIDs(api, s))
			}
			yamlStack, yamlPreview, fromYAML := run(yamlProg.run(yamlResources))
			goStack, goPreview, fromGo := run(goProg)

			assert.NotEmpty(t, yamlStack.Resources(), "the YAML program created AWS resources")
			assert.Equal(t, fromGo, fromYAML)
			assert.Equal(t, plannedSteps(goPreview), plannedSteps(yamlPreview))
			assert.Equal(t, len(goStack.Resources()), len(yamlStack.Resources()))
		})
	}
}

// plannedSteps are a preview's steps as "<op> <urn>", sorted.
func plannedSteps(res *harness.Result) []string {
	var out []string
	for _, s := range res.Steps {
		out = append(out, string(s.Op)+" "+string(s.URN))
	}
	sort.Strings(out)
	return out
}
