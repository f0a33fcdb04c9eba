package tests

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	pkgresource "github.com/pulumi/pulumi/pkg/v3/resource"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/program"
	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// criticalPath is the longest chain of dependencies in a snapshot, weighting each resource with its type's
// latency: no scheduler can finish an up faster. It returns the chain's length and its resources.
func criticalPath(snap *deploy.Snapshot, latency map[string]simaws.Latency) (time.Duration, []string) {
	byURN := map[resource.URN]*pkgresource.State{}
	for _, r := range snap.Resources {
		byURN[r.URN] = r
	}
	type best struct {
		d     time.Duration
		chain []string
	}
	memo := map[resource.URN]best{}
	var longest func(u resource.URN) best
	longest = func(u resource.URN) best {
		if b, ok := memo[u]; ok {
			return b
		}
		r := byURN[u]
		if r == nil {
			return best{}
		}
		deps := append([]resource.URN(nil), r.Dependencies...)
		for _, ds := range r.PropertyDependencies {
			deps = append(deps, ds...)
		}
		var b best
		for _, d := range deps {
			if db := longest(d); db.d > b.d || b.chain == nil {
				b = db
			}
		}
		self := latency[string(r.Type)].Max
		out := best{d: b.d + self, chain: b.chain}
		if self > 0 {
			out.chain = append(append([]string(nil), b.chain...), r.URN.Name())
		}
		memo[u] = out
		return out
	}
	var b best
	for u := range byURN {
		if l := longest(u); l.d > b.d {
			b = l
		}
	}
	return b.d, b.chain
}

// stagesProgram is one demo API, one account setting (auto: a CloudWatch role on the fresh account), and n stages each with its own
// access-log group: the components used directly, as a consumer with many stages would.
func stagesProgram(n int) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		demo, err := program.NewDemoAPI(ctx, "demo-api", nil)
		if err != nil {
			return err
		}
		account, err := apigwlogs.NewAccount(ctx, "account", nil)
		if err != nil {
			return err
		}
		for i := range n {
			name := fmt.Sprintf("stage%d", i)
			group, err := apigwlogs.NewLogGroup(ctx, name+"-logs", &apigwlogs.LogGroupArgs{})
			if err != nil {
				return err
			}
			if _, err := apigwlogs.NewStage(ctx, name, &apigwlogs.StageArgs{
				APIID:        demo.APIID,
				DeploymentID: demo.DeploymentID,
				StageName:    pulumi.String(name),
				LogGroup:     group,
				Account:      account,
			}); err != nil {
				return err
			}
		}
		return nil
	}
}

// BenchmarkProgramAndEngine measures program plus engine time (no AWS latency) of an up, and of the second
// up that changes nothing, for 1, 10 and 50 stages in one stack.
func BenchmarkProgramAndEngine(b *testing.B) {
	for _, n := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("stages=%d", n), func(b *testing.B) {
			var first, second time.Duration
			for b.Loop() {
				s := harness.NewStack("bench", simaws.NewAccount(simaws.Options{}), nil)
				s.Set("aws:region", "us-east-1")
				s.Program = stagesProgram(n)
				res := s.Up(b)
				if res.Err != nil {
					b.Fatal(res.Err)
				}
				first += res.Duration
				res = s.Up(b)
				if res.Err != nil {
					b.Fatal(res.Err)
				}
				second += res.Duration
			}
			b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "up-ms/op")
			b.ReportMetric(float64(first.Milliseconds())/float64(b.N*n), "up-ms/stage")
			b.ReportMetric(float64(second.Milliseconds())/float64(b.N), "noop-up-ms/op")
		})
	}
}

// chainLatencies are the latencies of the deploy-speed issue: AWS's proportions at a scale where a run takes
// about a second. Reads and the lookups that are AWS calls take 50 ms; the provider answers getPartition and
// getRegion itself.
func chainLatencies() simaws.Options {
	ms := time.Millisecond
	call := simaws.Fixed(50 * ms)
	return simaws.Options{
		Latency: map[string]simaws.Latency{
			simaws.TypeRole:                 simaws.Fixed(300 * ms),
			simaws.TypeRolePolicyAttachment: simaws.Fixed(100 * ms),
			simaws.TypeAccount:              simaws.Fixed(200 * ms),
			simaws.TypeStage:                simaws.Fixed(150 * ms),
			simaws.TypeDeployment:           simaws.Fixed(150 * ms),
			simaws.TypeLogGroup:             simaws.Fixed(100 * ms),
			simaws.TypeRestAPI:              simaws.Fixed(100 * ms),
		},
		DefaultLatency: call,
		ReadLatency:    map[string]simaws.Latency{simaws.TypeAccount: call},
		InvokeLatency: map[string]simaws.Latency{
			"aws:index/getCallerIdentity:getCallerIdentity": call,
			"aws:cloudwatch/getLogGroups:getLogGroups":      call,
			"aws:cloudwatch/getLogGroup:getLogGroup":        call,
		},
	}
}

// necessaryChain is the longest chain of waits no deploy can avoid: the longest dependency chain of the
// snapshot, each resource weighted with its type's latency, plus the read of the account setting when the
// chain starts at the CloudWatch role (the program decides to create the role from what the read says).
func necessaryChain(snap *deploy.Snapshot, opts simaws.Options) (time.Duration, []string) {
	latency := map[string]simaws.Latency{}
	for _, r := range snap.Resources {
		if strings.HasPrefix(string(r.Type), "aws:") && !r.External {
			latency[string(r.Type)] = opts.DefaultLatency
		}
	}
	maps.Copy(latency, opts.Latency)
	d, chain := criticalPath(snap, latency)
	for _, r := range snap.Resources {
		if r.Type == simaws.TypeRole && len(chain) > 0 && chain[0] == r.URN.Name() {
			read := opts.ReadLatency[simaws.TypeAccount].Max
			return d + read, append([]string{"read of the account setting"}, chain...)
		}
	}
	return d, chain
}

// BenchmarkDeployVersusNecessaryChain measures `pulumi up` of the stage stacks on the engine, with the
// latencies above, against the necessary chain, for a fresh account (dev: the read, the role, its policy, the
// setting, the stage), an account whose setting an administrator already set (dev: the API's own chain) and
// prod's options (a created KMS key, execution logs). wall/chain near 1 means nothing waits in front of the
// chain: no lookup queues up before the read that starts it. lookups/op counts the provider functions called.
// The wall time is the operation as the engine runs it (harness.Result.EngineDuration), without the test
// framework's re-verification of every intermediate snapshot afterwards.
func BenchmarkDeployVersusNecessaryChain(b *testing.B) {
	for _, tc := range []struct {
		name, stack  string
		administered bool
	}{
		{"fresh", "dev", false},
		{"administered", "dev", true},
		{"prod", "prod", false},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var wall, chain time.Duration
			var path []string
			lookups := 0
			for b.Loop() {
				opts := chainLatencies()
				acct := simaws.NewAccount(opts)
				if tc.administered {
					acct.SetCloudWatchRoleARN(acct.SeedRole("platform-apigw-logs", apigwlogs.AssumeRolePolicy,
						"arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"))
				}
				cfg, err := harness.LoadConfig(repoRoot, tc.stack)
				if err != nil {
					b.Fatal(err)
				}
				s := harness.NewStack(tc.stack, acct, cfg)
				res := s.Up(b)
				if res.Err != nil {
					b.Fatal(res.Err)
				}
				wall += res.EngineDuration
				d, p := necessaryChain(s.Snapshot, opts)
				chain, path = chain+d, p
				for _, r := range acct.Records() {
					if r.Op == simaws.OpInvoke {
						lookups++
					}
				}
			}
			b.ReportMetric(float64(wall)/float64(chain), "wall/chain")
			b.ReportMetric(float64(wall.Milliseconds())/float64(b.N), "wall-ms/op")
			b.ReportMetric(float64(chain.Milliseconds())/float64(b.N), "chain-ms/op")
			b.ReportMetric(float64(lookups)/float64(b.N), "lookups/op")
			b.Logf("necessary chain: %s", strings.Join(path, " -> "))
		})
	}
}
