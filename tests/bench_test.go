package tests

import (
	"fmt"
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

// benchLatencies are fixed per-type latencies, in AWS's proportions (IAM and the account setting slowest),
// scaled down so a run takes a fraction of a second.
func benchLatencies() map[string]simaws.Latency {
	ms := time.Millisecond
	return map[string]simaws.Latency{
		simaws.TypeRole:                 simaws.Fixed(40 * ms),
		simaws.TypeRolePolicyAttachment: simaws.Fixed(40 * ms),
		simaws.TypeAccount:              simaws.Fixed(30 * ms),
		simaws.TypeLogGroup:             simaws.Fixed(20 * ms),
		simaws.TypeStage:                simaws.Fixed(20 * ms),
		simaws.TypeRestAPI:              simaws.Fixed(10 * ms),
		simaws.TypeResource:             simaws.Fixed(10 * ms),
		simaws.TypeMethod:               simaws.Fixed(10 * ms),
		simaws.TypeIntegration:          simaws.Fixed(10 * ms),
		simaws.TypeMethodResponse:       simaws.Fixed(10 * ms),
		simaws.TypeIntegrationResponse:  simaws.Fixed(10 * ms),
		simaws.TypeDeployment:           simaws.Fixed(10 * ms),
	}
}

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

// BenchmarkUpVersusCriticalPath measures a full `pulumi up -s dev` on the engine with fixed per-type
// latencies and reports it against the floor, the longest dependency chain: wall/floor near 1 means the
// engine runs everything that can run in parallel.
func BenchmarkUpVersusCriticalPath(b *testing.B) {
	var wall, floor time.Duration
	var chain []string
	for b.Loop() {
		acct := simaws.NewAccount(simaws.Options{Latency: benchLatencies()})
		cfg, err := harness.LoadConfig(repoRoot, "dev")
		if err != nil {
			b.Fatal(err)
		}
		s := harness.NewStack("dev", acct, cfg)
		res := s.Up(b)
		if res.Err != nil {
			b.Fatal(res.Err)
		}
		wall += res.Duration
		f, c := criticalPath(s.Snapshot, benchLatencies())
		floor += f
		chain = c
	}
	b.ReportMetric(float64(wall)/float64(floor), "wall/floor")
	b.ReportMetric(float64(wall.Milliseconds())/float64(b.N), "wall-ms/op")
	b.ReportMetric(float64(floor.Milliseconds())/float64(b.N), "floor-ms/op")
	b.Logf("critical path: %s", strings.Join(chain, " -> "))
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
