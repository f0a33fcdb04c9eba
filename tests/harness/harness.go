// Package harness runs a Pulumi Go program on the real Pulumi engine, in-process, against a simulated AWS
// account (package simaws): the engine of github.com/pulumi/pulumi/pkg/v3 (engine/lifecycletest/framework and
// resource/deploy/deploytest), the program connected to the engine's resource monitor through
// pulumi.NewContext and pulumi.RunWithContext, exactly as `pulumi up` runs it, minus the CLI and the
// language host. A Stack keeps its snapshot between operations, like a backend, and several stacks can share
// one account.
package harness

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/display"
	"github.com/pulumi/pulumi/pkg/v3/engine"
	lt "github.com/pulumi/pulumi/pkg/v3/engine/lifecycletest/framework"
	pkgresource "github.com/pulumi/pulumi/pkg/v3/resource"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy/deploytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/program"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// Project is the Pulumi project name (Pulumi.yaml).
const Project = "apigw-access-logs"

// Stack is one stack of the project: its config, its state (snapshot) and the account it deploys to.
type Stack struct {
	// Name is the stack name (dev, prod, …).
	Name string
	// Config is the stack's config, as `pulumi config` holds it (keys like apigw-access-logs:stageName).
	Config config.Map
	// Account is the simulated AWS account the stack's `aws` provider talks to.
	Account *simaws.Account
	// Program is the Pulumi program; nil runs the project's program (program.Run, what main.go runs).
	Program pulumi.RunFunc
	// Snapshot is the stack's state after the last operation; nil before the first.
	Snapshot *deploy.Snapshot
	// Parallel is the engine's parallelism; 0 means the CLI's default (4 × GOMAXPROCS).
	Parallel int32
	// Providers are plugins the engine can load besides the simulated `aws` provider, such as a component
	// provider for a package the program uses.
	Providers []*deploytest.ProviderLoader
}

// NewStack returns a stack with no state.
func NewStack(name string, account *simaws.Account, cfg config.Map) *Stack {
	if cfg == nil {
		cfg = config.Map{}
	}
	return &Stack{Name: name, Config: cfg, Account: account}
}

// Set sets a config value. A key without a namespace is in the project's namespace.
func (s *Stack) Set(key, value string) {
	s.Config[configKey(key)] = config.NewValue(value)
}

func configKey(key string) config.Key {
	if !strings.Contains(key, ":") {
		key = Project + ":" + key
	}
	return config.MustParseKey(key)
}

// Step is one step the engine took (or, in a preview, planned) for one resource.
type Step struct {
	Op   display.StepOp
	URN  resource.URN
	Type string
	// Name is the resource's logical name.
	Name string
	// Inputs are the resource's new inputs (unknowns in a preview show as computed values).
	Inputs resource.PropertyMap
	// Diffs are the properties that changed; Keys the ones that caused a replacement.
	Diffs, Keys []resource.PropertyKey
}

// Result is what one engine operation did.
type Result struct {
	// Err is the operation's error: a failed resource operation, a program error, or a plan violation.
	Err error
	// Steps are the resource steps, in the order the engine began them (providers and the stack included).
	Steps []Step
	// Events are every engine event.
	Events []engine.Event
	// Outputs are the stack's outputs after an update (nil after a preview or destroy).
	Outputs resource.PropertyMap
	// Logs are the lines the program logged with ctx.Log (what a preview shows under the resources).
	Logs []string
	// Plan is the plan a preview produced.
	Plan *deploy.Plan
	// Start is when the operation started; Duration its wall time: program plus engine plus provider, and the
	// test framework's checks after it.
	Start    time.Time
	Duration time.Duration
	// EngineDuration is the operation as `pulumi up` runs it: from Start to the engine's end, without the
	// checks the test framework runs afterwards (it rebuilds and verifies the snapshot after every journal
	// entry, which grows with the square of the resources and which the CLI does not do).
	EngineDuration time.Duration
}

// ResourceSteps are the steps for resources the program registered with the `aws` provider (no providers,
// stack or components, and no reads: see Reads).
func (r *Result) ResourceSteps() []Step {
	var out []Step
	for _, s := range r.Steps {
		if strings.HasPrefix(s.Type, "aws:") && s.Op != deploy.OpRead {
			out = append(out, s)
		}
	}
	return out
}

// Reads are the resource reads the program made (ctx.ReadResource, e.g. apigateway.GetAccount).
func (r *Result) Reads() []Step {
	var out []Step
	for _, s := range r.Steps {
		if s.Op == deploy.OpRead {
			out = append(out, s)
		}
	}
	return out
}

// Ops counts steps by operation over the `aws` resources.
func (r *Result) Ops() map[display.StepOp]int {
	out := map[display.StepOp]int{}
	for _, s := range r.ResourceSteps() {
		out[s.Op]++
	}
	return out
}

// StepsOf returns the `aws` resource steps of one operation, as "<type>::<name>" strings, sorted.
func (r *Result) StepsOf(op display.StepOp) []string {
	var out []string
	for _, s := range r.ResourceSteps() {
		if s.Op == op {
			out = append(out, s.Type+"::"+s.Name)
		}
	}
	sort.Strings(out)
	return out
}

// Diagnostics returns the engine's error and warning messages.
func (r *Result) Diagnostics() []string {
	var out []string
	for _, e := range r.Events {
		if e.Type == engine.DiagEvent {
			p := e.Payload().(engine.DiagEventPayload)
			out = append(out, strings.TrimSpace(p.Message))
		}
	}
	return out
}

// Preview runs `pulumi preview`: the program runs with DryRun and the engine plans without touching AWS.
// The result's Plan can constrain a following Up (`pulumi up --plan`).
func (s *Stack) Preview(t lt.TB) *Result {
	return s.run(t, engine.Update, true, nil)
}

// Up runs `pulumi up --skip-preview`.
func (s *Stack) Up(t lt.TB) *Result {
	return s.run(t, engine.Update, false, nil)
}

// UpWithPlan runs `pulumi up --plan`: the update fails if it would do anything the plan does not contain.
func (s *Stack) UpWithPlan(t lt.TB, plan *deploy.Plan) *Result {
	return s.run(t, engine.Update, false, plan)
}

// Destroy runs `pulumi destroy`.
func (s *Stack) Destroy(t lt.TB) *Result {
	return s.run(t, engine.Destroy, false, nil)
}

// Refresh runs `pulumi refresh`: the engine reads every resource back from the account.
func (s *Stack) Refresh(t lt.TB) *Result {
	return s.run(t, engine.Refresh, false, nil)
}

func (s *Stack) parallel() int32 {
	if s.Parallel > 0 {
		return s.Parallel
	}
	return int32(runtime.GOMAXPROCS(0)) * 4
}

func (s *Stack) run(t lt.TB, op lt.TestOp, dryRun bool, plan *deploy.Plan) *Result {
	prog := s.Program
	if prog == nil {
		prog = program.Run
	}
	// The program logs to the engine (ctx.Log: the lines a preview shows), so it needs the host's engine
	// address, which the language runtime's RunInfo does not carry: keep the host the engine makes.
	var host plugin.Host
	runtimeF := deploytest.NewLanguageRuntimeF(func(info plugin.RunInfo, _ *deploytest.ResourceMonitor) error {
		cfg := make(map[string]string, len(info.Config))
		for k, v := range info.Config {
			cfg[k.String()] = v
		}
		secretKeys := make([]string, 0, len(info.ConfigSecretKeys))
		for _, k := range info.ConfigSecretKeys {
			secretKeys = append(secretKeys, k.String())
		}
		// The SDK context outlives any test context, as in pkg/v3's golang_sdk_test.go.
		ctx, err := pulumi.NewContext(context.Background(), pulumi.RunInfo{
			Project:          info.Project,
			Stack:            info.Stack,
			Config:           cfg,
			ConfigSecretKeys: secretKeys,
			Parallel:         info.Parallel,
			DryRun:           info.DryRun,
			MonitorAddr:      info.MonitorAddress,
			EngineAddr:       host.ServerAddr(),
		})
		if err != nil {
			return err
		}
		return pulumi.RunWithContext(ctx, prog)
	})
	logs := &lockedBuffer{}
	sink := diag.DefaultSink(logs, logs, diag.FormatOptions{Color: colors.Never})
	loaders := append([]*deploytest.ProviderLoader{s.Account.Loader()}, s.Providers...)
	newHost := deploytest.NewPluginHostF(sink, sink, runtimeF, nil, nil, loaders...)
	hostF := func() plugin.Host {
		host = newHost()
		return host
	}

	opts := lt.TestUpdateOptions{
		T:                t,
		HostF:            hostF,
		SkipDisplayTests: true,
		UpdateOptions:    engine.UpdateOptions{Parallel: s.parallel()},
	}
	if plan != nil {
		opts.UpdateOptions.Plan = plan.Clone()
		opts.UpdateOptions.Experimental = true
	}
	project := s.project()
	target := deploy.Target{
		Name:      tokens.MustParseStackName(s.Name),
		Config:    s.Config,
		Decrypter: config.NopDecrypter,
		Snapshot:  lt.CloneSnapshot(t, s.Snapshot),
	}

	res := &Result{}
	validate := func(_ workspace.Project, _ deploy.Target, _ engine.JournalEntries, events []engine.Event, err error) error {
		// The framework calls this as soon as the engine's operation and its events are done, before its own
		// checks.
		res.EngineDuration = time.Since(res.Start)
		res.Events = events
		return err
	}
	start := time.Now()
	res.Start = start
	if dryRun {
		res.Plan, res.Err = op.Plan(project, target, opts, nil, validate)
	} else {
		var snap *deploy.Snapshot
		snap, res.Err = op.RunStep(project, target, opts, false, nil, validate, "")
		if snap != nil {
			s.Snapshot = snap
		}
		res.Outputs = s.Outputs()
	}
	res.Duration = time.Since(start)
	res.Steps = steps(res.Events)
	res.Logs = logs.lines()
	return res
}

// Outputs returns the stack's outputs from its snapshot.
func (s *Stack) Outputs() resource.PropertyMap {
	if s.Snapshot == nil {
		return nil
	}
	for _, r := range s.Snapshot.Resources {
		if r.Type == resource.RootStackType && !r.Delete {
			return r.Outputs
		}
	}
	return nil
}

// Output returns one stack output as a string ("" when absent or not a string).
func (s *Stack) Output(name string) string {
	v, ok := s.Outputs()[resource.PropertyKey(name)]
	if !ok || !v.IsString() {
		return ""
	}
	return v.StringValue()
}

// Resources returns the `aws` resources the stack manages, from its snapshot (custom resources, not pending
// deletion, not reads).
func (s *Stack) Resources() []*pkgresource.State {
	if s.Snapshot == nil {
		return nil
	}
	var out []*pkgresource.State
	for _, r := range s.Snapshot.Resources {
		if r.Custom && strings.HasPrefix(string(r.Type), "aws:") && !r.Delete && !r.External {
			out = append(out, r)
		}
	}
	return out
}

func (s *Stack) project() workspace.Project {
	p := lt.TestPlan{Project: Project, Runtime: "go"}
	return p.GetProject()
}

func steps(events []engine.Event) []Step {
	var out []Step
	for _, e := range events {
		if e.Type != engine.ResourcePreEvent {
			continue
		}
		p := e.Payload().(engine.ResourcePreEventPayload)
		if p.Internal {
			continue
		}
		m := p.Metadata
		step := Step{Op: m.Op, URN: m.URN, Type: string(m.Type), Name: m.URN.Name(), Diffs: m.Diffs, Keys: m.Keys}
		if m.New != nil {
			step.Inputs = m.New.Inputs
		} else if m.Old != nil {
			step.Inputs = m.Old.Inputs
		}
		out = append(out, step)
	}
	return out
}

// lockedBuffer collects what the program logs, from the engine's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) lines() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, l := range strings.Split(b.buf.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// String renders a step as "<op> <type>::<name>".
func (s Step) String() string { return fmt.Sprintf("%s %s::%s", s.Op, s.Type, s.Name) }
