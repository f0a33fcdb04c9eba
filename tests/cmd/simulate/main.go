// Command simulate shows what `pulumi up` would do for a stack, without AWS credentials or the Pulumi CLI: it
// loads the stack's real config (Pulumi.yaml defaults and Pulumi.<stack>.yaml), runs the program on the real
// Pulumi engine in-process against a simulated AWS account, and prints the preview, each resource with its
// key inputs in the order AWS created them, and the stack's exports.
//
//	go run ./tests/cmd/simulate -stack dev
//	go run ./tests/cmd/simulate -stack dev,prod       # both stacks, in that order, in one account
//	go run ./tests/cmd/simulate -stack dev,prod -destroy dev
//	go run ./tests/cmd/simulate -stack dev -set apiType=http            # any config key, key=value
//	go run ./tests/cmd/simulate -plan -stack prod                        # the committed plan's text
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/display"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"

	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

func main() {
	// A FlagSet of our own: a dependency registers -v on the global one.
	flags := flag.NewFlagSet("simulate", flag.ExitOnError)
	stacks := flags.String("stack", "dev", "stacks to deploy, comma-separated, in order, into one simulated account")
	destroy := flags.String("destroy", "", "stacks to destroy afterwards, comma-separated")
	root := flags.String("root", ".", "the directory with Pulumi.yaml and Pulumi.<stack>.yaml")
	seed := flags.Uint64("seed", 1, "seed of the simulated latencies")
	verbose := flags.Bool("v", false, "print the engine's log")
	plan := flags.Bool("plan", false, "print each stack's plan (what tests/testdata/plan-<stack>.txt holds) and nothing else")
	var sets []string
	flags.Func("set", "override a config key of every -stack, key=value (repeatable), e.g. -set apiType=http", func(v string) error {
		if !strings.Contains(v, "=") {
			return fmt.Errorf("want key=value, got %q", v)
		}
		sets = append(sets, v)
		return nil
	})
	_ = flags.Parse(os.Args[1:])

	tb := &cmdTB{verbose: *verbose, out: os.Stderr}
	if *plan {
		for _, name := range split(*stacks) {
			text, err := harness.Plan(tb, *root, name)
			if err != nil {
				fatalf("%v", err)
			}
			fmt.Print(text)
		}
		return
	}
	acct := simaws.NewAccount(simaws.Options{
		Seed: *seed,
		Latency: map[string]simaws.Latency{
			simaws.TypeRole:                 {Min: 20 * time.Millisecond, Max: 40 * time.Millisecond},
			simaws.TypeRolePolicyAttachment: {Min: 20 * time.Millisecond, Max: 40 * time.Millisecond},
			simaws.TypeAccount:              {Min: 20 * time.Millisecond, Max: 40 * time.Millisecond},
		},
		DefaultLatency: simaws.Latency{Min: 2 * time.Millisecond, Max: 10 * time.Millisecond},
	})
	fmt.Printf("Simulated AWS account %s, region %s. No credentials, no Pulumi CLI: the real program on the\n"+
		"real Pulumi engine (in-process), against a simulated `aws` provider.\n", acct.ID(), acct.Region())

	byName := map[string]*harness.Stack{}
	failed := false
	for _, name := range split(*stacks) {
		cfg, err := harness.LoadConfig(*root, name)
		if err != nil {
			fatalf("%v", err)
		}
		s := harness.NewStack(name, acct, cfg)
		for _, kv := range sets {
			k, v, _ := strings.Cut(kv, "=")
			s.Set(k, v)
		}
		byName[name] = s
		if !up(tb, acct, s) {
			failed = true
		}
	}
	for _, name := range split(*destroy) {
		s := byName[name]
		if s == nil {
			fatalf("-destroy %s: not one of the -stack stacks", name)
		}
		if !destroyStack(tb, acct, s) {
			failed = true
		}
	}
	if len(split(*destroy)) > 0 {
		fmt.Printf("\n== After the destroys\nAPI Gateway account setting (cloudwatchRoleArn): %s\n", acct.CloudWatchRoleARN())
		for _, name := range split(*stacks) {
			s := byName[name]
			if s.Snapshot == nil || len(s.Resources()) == 0 {
				continue
			}
			if err := acct.LoggingHealth(apiID(s), s.Output("stageName")); err != nil {
				fmt.Printf("stack %s: access logging BROKEN: %v\n", name, err)
				failed = true
			} else {
				fmt.Printf("stack %s: access logging works (stage, log group, account role, trust and policy all exist)\n", name)
			}
		}
	}
	if failed {
		os.Exit(1)
	}
}

func up(tb *cmdTB, acct *simaws.Account, s *harness.Stack) bool {
	fmt.Printf("\n== Config of stack %s\n", s.Name)
	var keys []config.Key
	for k := range s.Config {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	for _, k := range keys {
		v, err := s.Config[k].Value(config.NopDecrypter)
		if err != nil {
			fatalf("config %s: %v", k, err)
		}
		fmt.Printf("  %s: %s\n", k, v)
	}

	fmt.Printf("\n== pulumi preview -s %s\n", s.Name)
	preview := s.Preview(tb)
	if preview.Err != nil {
		return report(preview)
	}
	counts := map[string]int{}
	for _, st := range preview.ResourceSteps() {
		counts[string(st.Op)]++
	}
	fmt.Printf("  %s\n", summary(counts))
	for _, l := range preview.Logs {
		fmt.Printf("  %s\n", l)
	}

	fmt.Printf("\n== pulumi up -s %s\n", s.Name)
	res := s.UpWithPlan(tb, preview.Plan)
	printRecords(acct, s, res)
	if res.Err != nil {
		return report(res)
	}
	fmt.Printf("\nResources in the stack's state (%d):\n", len(s.Resources()))
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	for _, r := range s.Resources() {
		fmt.Fprintf(w, "  %s\t%s\t%s\n", r.Type, r.URN.Name(), keyInputs(r.Type.String(), r.Inputs))
	}
	_ = w.Flush()
	fmt.Printf("\nOutputs:\n")
	outs := s.Outputs()
	for _, k := range outs.StableKeys() {
		fmt.Printf("  %s: %s\n", k, show(outs[k], 0))
	}
	ops := map[string]int{}
	for _, st := range res.ResourceSteps() {
		ops[string(st.Op)]++
	}
	fmt.Printf("\nResources: %s. Duration %v.\n", summary(ops), res.Duration.Round(time.Millisecond))
	return true
}

func destroyStack(tb *cmdTB, acct *simaws.Account, s *harness.Stack) bool {
	fmt.Printf("\n== pulumi destroy -s %s\n", s.Name)
	res := s.Destroy(tb)
	printRecords(acct, s, res)
	if res.Err != nil {
		return report(res)
	}
	var retained []string
	for _, o := range acct.Objects() {
		if o.Stack == s.Name {
			retained = append(retained, fmt.Sprintf("%s %s", o.Type, o.ID))
		}
	}
	fmt.Printf("Retained in AWS (RetainOnDelete), no longer in the stack's state:\n  %s\n", strings.Join(retained, "\n  "))
	return true
}

// printRecords prints the AWS calls of one operation, in the order they started, with their timing.
func printRecords(acct *simaws.Account, s *harness.Stack, res *harness.Result) {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "  #\tstart\tend\top\ttype\tname\tresult\n")
	n := 0
	for _, r := range acct.Records() {
		if r.Stack != s.Name || r.Start.Before(res.Start) {
			continue
		}
		n++
		result := "ok"
		if r.Err != "" {
			result = "FAILED: " + r.Err
		}
		fmt.Fprintf(w, "  %d\t+%dms\t+%dms\t%s\t%s\t%s\t%s\n", n, r.Start.Sub(res.Start).Milliseconds(),
			r.End.Sub(res.Start).Milliseconds(), r.Op, r.Type, r.Name, result)
	}
	if n == 0 {
		fmt.Fprintf(w, "  (no AWS calls: nothing to change)\n")
	}
	_ = w.Flush()
}

func report(res *harness.Result) bool {
	fmt.Printf("\nFAILED: %v\n", res.Err)
	for _, d := range res.Diagnostics() {
		fmt.Printf("  %s\n", colors.Never.Colorize(d))
	}
	return false
}

// keyInputs renders the inputs worth reading for each type.
func keyInputs(typ string, in resource.PropertyMap) string {
	keys := map[string][]string{
		simaws.TypeLogGroup:               {"name", "retentionInDays", "logGroupClass", "kmsKeyId"},
		simaws.TypeRole:                   {"name", "assumeRolePolicy"},
		simaws.TypeRolePolicyAttachment:   {"role", "policyArn"},
		simaws.TypeAccount:                {"cloudwatchRoleArn"},
		simaws.TypeRestAPI:                {"name", "endpointConfiguration"},
		simaws.TypeResource:               {"pathPart"},
		simaws.TypeMethod:                 {"httpMethod", "authorization"},
		simaws.TypeIntegration:            {"type"},
		simaws.TypeMethodResponse:         {"statusCode"},
		simaws.TypeIntegrationResponse:    {"statusCode"},
		simaws.TypeDeployment:             {"triggers"},
		simaws.TypeStage:                  {"stageName", "deployment", "accessLogSettings"},
		simaws.TypeMethodSettings:         {"methodPath", "settings"},
		simaws.TypeKMSKey:                 {"enableKeyRotation", "policy"},
		simaws.TypeQueryDefinition:        {"name", "queryString"},
		simaws.TypeMetricFilter:           {"pattern", "metricTransformation"},
		simaws.TypeMetricAlarm:            {"threshold", "period", "statistic", "alarmActions"},
		simaws.TypeV2API:                  {"protocolType", "routeSelectionExpression"},
		simaws.TypeV2Integration:          {"integrationType"},
		simaws.TypeV2Route:                {"routeKey"},
		simaws.TypeV2Deployment:           {"triggers"},
		simaws.TypeV2Stage:                {"name", "autoDeploy", "accessLogSettings", "defaultRouteSettings"},
		simaws.TypeDashboard:              {"dashboardName"},
		simaws.TypeLogDeliverySource:      {"name", "logType", "resourceArn"},
		simaws.TypeLogDeliveryDestination: {"name", "deliveryDestinationConfiguration"},
		simaws.TypeLogDelivery:            {"deliverySourceName", "deliveryDestinationArn"},
		simaws.TypeLogResourcePolicy:      {"policyName", "policyDocument"},
	}[typ]
	var parts []string
	if body, ok := in["dashboardBody"]; ok && body.IsString() {
		parts = append(parts, "widgets="+widgets(body.StringValue()))
	}
	for _, k := range keys {
		if v, ok := in[resource.PropertyKey(k)]; ok && !v.IsNull() {
			parts = append(parts, k+"="+show(v, 0))
		}
	}
	return strings.Join(parts, " ")
}

// widgets lists a dashboard body's widgets, each as type:"title" at its place on the grid.
func widgets(body string) string {
	var b struct {
		Widgets []struct {
			Type       string
			X, Y       int
			Width      int
			Properties struct{ Title string }
		}
	}
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return fmt.Sprintf("(not JSON: %v)", err)
	}
	var out []string
	for _, w := range b.Widgets {
		out = append(out, fmt.Sprintf("\n      %-6s %-42q x=%-2d y=%-2d w=%d", w.Type, w.Properties.Title, w.X, w.Y, w.Width))
	}
	return "[" + strings.Join(out, "") + "]"
}

// show renders a property value compactly; long strings are shortened.
func show(v resource.PropertyValue, depth int) string {
	switch {
	case v.IsString():
		s := v.StringValue()
		if len(s) > 100 && depth > 0 {
			s = s[:97] + "..."
		}
		return fmt.Sprintf("%q", s)
	case v.IsObject():
		var parts []string
		for _, k := range v.ObjectValue().StableKeys() {
			parts = append(parts, string(k)+":"+show(v.ObjectValue()[k], depth+1))
		}
		return "{" + strings.Join(parts, " ") + "}"
	case v.IsComputed() || v.IsOutput():
		return "(known after apply)"
	}
	return fmt.Sprint(v.Mappable())
}

func summary(counts map[string]int) string {
	if len(counts) == 0 {
		return "no changes"
	}
	var parts []string
	for _, op := range []display.StepOp{deploy.OpCreate, deploy.OpUpdate, deploy.OpReplace, deploy.OpDelete, deploy.OpSame} {
		if n := counts[string(op)]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d to %s", n, op))
		}
	}
	return strings.Join(parts, ", ")
}

func apiID(s *harness.Stack) string {
	id, _, _ := strings.Cut(strings.TrimPrefix(s.Output("invokeUrl"), "https://"), ".")
	return id
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "simulate: "+format+"\n", args...)
	os.Exit(2)
}

// cmdTB satisfies the engine test framework's TB outside a test: logs go to out when verbose; a failure or
// a skip is printed and ends the command with exit status 2, never silently ignored.
type cmdTB struct {
	verbose bool
	out     io.Writer
	failed  bool
}

func (t *cmdTB) Helper()        {}
func (t *cmdTB) Name() string   { return "simulate" }
func (t *cmdTB) Failed() bool   { return t.failed }
func (t *cmdTB) Fail()          { t.failed = true }
func (t *cmdTB) FailNow()       { t.failed = true; fatalf("the engine harness failed") }
func (t *cmdTB) SkipNow()       { fatalf("the engine harness skipped the run") }
func (t *cmdTB) Skip(a ...any)  { fatalf("the engine harness skipped the run: %s", fmt.Sprint(a...)) }
func (t *cmdTB) Log(a ...any)   { t.Logf("%s", fmt.Sprint(a...)) }
func (t *cmdTB) Error(a ...any) { t.Errorf("%s", fmt.Sprint(a...)) }
func (t *cmdTB) Fatal(a ...any) { t.Fatalf("%s", fmt.Sprint(a...)) }
func (t *cmdTB) Skipf(format string, a ...any) {
	fatalf("the engine harness skipped the run: "+format, a...)
}
func (t *cmdTB) Logf(format string, a ...any) {
	if t.verbose {
		fmt.Fprintln(t.out, colors.Never.Colorize(fmt.Sprintf(format, a...)))
	}
}

func (t *cmdTB) Errorf(format string, a ...any) {
	t.failed = true
	fmt.Fprintln(t.out, "error: "+colors.Never.Colorize(fmt.Sprintf(format, a...)))
}

func (t *cmdTB) Fatalf(format string, a ...any) {
	t.Errorf(format, a...)
	t.FailNow()
}
