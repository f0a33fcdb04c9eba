package tests

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// repoRoot holds Pulumi.yaml and the stacks' Pulumi.<stack>.yaml.
const repoRoot = ".."

// testLatencies are small, random and shaped like AWS: IAM and the account setting are slow, API Gateway's
// resources quick. With these, a stage that did not wait for the account would start before it finished.
func testLatencies() map[string]simaws.Latency {
	ms := time.Millisecond
	return map[string]simaws.Latency{
		simaws.TypeRole:                 {Min: 4 * ms, Max: 12 * ms},
		simaws.TypeRolePolicyAttachment: {Min: 4 * ms, Max: 12 * ms},
		simaws.TypeAccount:              {Min: 4 * ms, Max: 12 * ms},
		simaws.TypeLogGroup:             {Min: 1 * ms, Max: 6 * ms},
		simaws.TypeStage:                {Min: 1 * ms, Max: 6 * ms},
	}
}

// newAccount returns an account with testLatencies (1-3 ms for the other types).
func newAccount(seed uint64) *simaws.Account {
	return simaws.NewAccount(simaws.Options{
		Seed:           seed,
		Latency:        testLatencies(),
		DefaultLatency: simaws.Latency{Min: time.Millisecond, Max: 3 * time.Millisecond},
	})
}

// loadStack returns a stack with the config of the repository's Pulumi.<name>.yaml, in acct.
func loadStack(t *testing.T, acct *simaws.Account, name string) *harness.Stack {
	t.Helper()
	cfg, err := harness.LoadConfig(repoRoot, name)
	require.NoError(t, err)
	return harness.NewStack(name, acct, cfg)
}

// newStack returns a stack named name with the dev stack's config and the given stage name.
func newStack(t *testing.T, acct *simaws.Account, name string) *harness.Stack {
	t.Helper()
	s := loadStack(t, acct, "dev")
	s.Name = name
	s.Set("stageName", name)
	return s
}

// up runs `pulumi up` and fails the test if it fails.
func up(t *testing.T, s *harness.Stack) *harness.Result {
	t.Helper()
	res := s.Up(t)
	require.NoError(t, res.Err, "pulumi up -s %s", s.Name)
	return res
}

// during returns the account's records of one stack's operation (res).
func during(acct *simaws.Account, s *harness.Stack, res *harness.Result) []simaws.Record {
	var out []simaws.Record
	end := res.Start.Add(res.Duration)
	for _, r := range acct.Records() {
		if r.Stack == s.Name && !r.Start.Before(res.Start) && !r.Start.After(end) {
			out = append(out, r)
		}
	}
	return out
}

// assertOrdering checks the waits that AWS needs, from the account's records of one operation of one stack: the
// account setting was written after the policy attachment finished; the stage was created or updated after the
// account setting, its access-log group and the deployment finished; the method settings that turn execution
// logging on after the execution-log group and the account setting. A kind is "<type>" or "<type>::<name>".
func assertOrdering(t *testing.T, records []simaws.Record) {
	t.Helper()
	is := func(r simaws.Record, kind string) bool {
		typ, name, named := strings.Cut(kind, "::")
		return r.Type == typ && (!named || r.Name == name)
	}
	finished := func(kind string) (time.Time, bool) {
		var end time.Time
		found := false
		for _, r := range records {
			if is(r, kind) && r.Op != simaws.OpDelete && r.Op != simaws.OpRead && r.Err == "" {
				found = true
				if r.End.After(end) {
					end = r.End
				}
			}
		}
		return end, found
	}
	mustFollow := func(typ string, after ...string) {
		for _, r := range records {
			if r.Type != typ || r.Op == simaws.OpDelete || r.Op == simaws.OpRead {
				continue
			}
			for _, a := range after {
				if end, ok := finished(a); ok {
					assert.False(t, r.Start.Before(end), "%s %s started %v before %s finished",
						r.Op, r.Name, end.Sub(r.Start), a)
				}
			}
		}
	}
	mustFollow(simaws.TypeAccount, simaws.TypeRolePolicyAttachment, simaws.TypeRole)
	mustFollow(simaws.TypeStage, simaws.TypeAccount, simaws.TypeLogGroup+"::access-logs", simaws.TypeDeployment)
	mustFollow(simaws.TypeMethodSettings, simaws.TypeAccount, simaws.TypeLogGroup+"::access-logs-execution")
	for _, r := range records {
		assert.Empty(t, r.Err, "%s %s %s failed", r.Op, r.Type, r.Name)
	}
}

// assertConverged checks that the simulated account and the stack's snapshot agree: every `aws` resource in
// the snapshot exists in the account with its id, and every object the stack created in the account is in
// the snapshot (nothing orphaned, nothing duplicated). retained are types the stack may have left behind on
// purpose (RetainOnDelete).
func assertConverged(t *testing.T, acct *simaws.Account, s *harness.Stack, retained ...string) {
	t.Helper()
	require.NotNil(t, s.Snapshot)
	assert.Empty(t, s.Snapshot.PendingOperations, "pending operations in the snapshot")
	inSnapshot := map[string]bool{}
	for _, r := range s.Resources() {
		inSnapshot[string(r.Type)+"|"+string(r.ID)] = true
	}
	inAccount := map[string]bool{}
	for _, o := range acct.Objects() {
		if o.Stack != s.Name {
			continue
		}
		k := o.Type + "|" + o.ID
		assert.False(t, inAccount[k], "duplicate %s %s in the account", o.Type, o.ID)
		inAccount[k] = true
		if !inSnapshot[k] && !slices.Contains(retained, o.Type) {
			t.Errorf("orphan: %s %s (%s) exists in the account but not in the stack's state", o.Type, o.ID, o.URN)
		}
	}
	for k := range inSnapshot {
		assert.True(t, inAccount[k], "%s is in the stack's state but not in the account", k)
	}
}

// writes returns the records that changed something (creates, updates, deletes; not reads or invokes).
func writes(records []simaws.Record) []simaws.Record {
	var out []simaws.Record
	for _, r := range records {
		if r.Op != simaws.OpRead && r.Op != simaws.OpInvoke {
			out = append(out, r)
		}
	}
	return out
}

// stackObjects returns "<type> <id>" for every object a stack created, sorted.
func stackObjects(acct *simaws.Account, stack string) []string {
	var out []string
	for _, o := range acct.Objects() {
		if o.Stack == stack {
			out = append(out, o.Type+" "+o.ID)
		}
	}
	return out
}

// restAPIID returns the id of the stack's API (REST, HTTP or WebSocket), read from its invokeUrl output.
func restAPIID(t *testing.T, s *harness.Stack) string {
	t.Helper()
	u := s.Output("invokeUrl")
	_, host, _ := strings.Cut(u, "://") // https:// for REST and HTTP, wss:// for WebSocket
	id, _, ok := strings.Cut(host, ".")
	require.True(t, ok, "invokeUrl %q", u)
	return id
}

// objectByID returns the account's object of a type with an id.
func objectByID(t *testing.T, acct *simaws.Account, typ, id string) simaws.Object {
	t.Helper()
	for _, o := range acct.ObjectsOf(typ) {
		if o.ID == id {
			return o
		}
	}
	require.FailNow(t, fmt.Sprintf("no %s %s in the account", typ, id))
	return simaws.Object{}
}

// iamAndSetting are the types a stack creates only when it owns the account setting.
var iamAndSetting = []string{simaws.TypeRole, simaws.TypeRolePolicyAttachment, simaws.TypeAccount}

// allAWSTypes are the resource types the program creates with the demo API on a fresh account (where the
// default, auto, creates the CloudWatch role and the setting), one each.
var allAWSTypes = []string{
	simaws.TypeAccount, simaws.TypeDeployment, simaws.TypeIntegration, simaws.TypeIntegrationResponse,
	simaws.TypeMethod, simaws.TypeMethodResponse, simaws.TypeResource, simaws.TypeRestAPI, simaws.TypeStage,
	simaws.TypeLogGroup, simaws.TypeRole, simaws.TypeRolePolicyAttachment,
	// The json preset's five saved queries (savedQueries is on by default).
	simaws.TypeQueryDefinition, simaws.TypeQueryDefinition, simaws.TypeQueryDefinition,
	simaws.TypeQueryDefinition, simaws.TypeQueryDefinition,
}

// pulumiContext is the Pulumi program context, for programs written inside tests.
type pulumiContext = pulumi.Context

// newKMSKey creates a bare KMS key with a policy (as another tool would), for tests of key policies.
func newKMSKey(ctx *pulumi.Context, name, policy string) (*kms.Key, error) {
	return kms.NewKey(ctx, name, &kms.KeyArgs{Policy: pulumi.String(policy)})
}

// configValue is a key of the stack's config (Pulumi.<stack>.yaml with Pulumi.yaml's defaults), as text.
func configValue(t *testing.T, s *harness.Stack, key string) string {
	t.Helper()
	v, ok := s.Config[config.MustParseKey(harness.Project+":"+key)]
	require.True(t, ok, "stack %s has no %s", s.Name, key)
	text, err := v.Value(nil)
	require.NoError(t, err)
	return text
}
