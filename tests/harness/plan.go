package harness

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/engine"
	lt "github.com/pulumi/pulumi/pkg/v3/engine/lifecycletest/framework"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/apigw-access-logs/apigw-access-logs/components/policy"

	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// PlanRefreshCommand rewrites the committed plans (tests/testdata/plan-<stack>.txt).
const PlanRefreshCommand = "go test ./tests -run TestPlanSnapshots -update"

// autonameRE matches a name pulumi-aws generated: <resource name>-<7 random hex digits>.
var autonameRE = regexp.MustCompile(`^(.+)-[0-9a-f]{7}$`)

// Plan previews stack (its config from root's Pulumi.yaml and Pulumi.<stack>.yaml) on a fresh simulated
// account and renders the plan: what `go run ./tests/cmd/simulate -plan -stack <stack>` prints and
// tests/testdata/plan-<stack>.txt holds.
func Plan(t lt.TB, root, stack string) (string, error) {
	cfg, err := LoadConfig(root, stack)
	if err != nil {
		return "", err
	}
	s := NewStack(stack, simaws.NewAccount(simaws.Options{}), cfg)
	return RenderPlan(stack, s.Preview(t)), nil
}

// RenderPlan renders what a preview plans, for a reviewer: the account setting's decision, the resources in
// dependency order with their parents, inputs and what each waits for, the reads, and the exports. The text
// is stable: no random suffixes, timings or map order, so two runs give the same bytes and a change to the
// infrastructure shows as a plain diff.
func RenderPlan(stack string, preview *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Plan for stack %s: pulumi preview on a fresh simulated account (no credentials).\n", stack)
	fmt.Fprintf(&b, "# Refresh after a change: %s\n", PlanRefreshCommand)
	if preview.Err != nil {
		fmt.Fprintf(&b, "\nThe preview FAILED:\n")
		for _, d := range preview.Diagnostics() {
			fmt.Fprintf(&b, "  %s\n", d)
		}
		return b.String()
	}

	b.WriteString("\nWhat the program says:\n")
	for _, l := range preview.Logs {
		fmt.Fprintf(&b, "  %s\n", l)
	}

	steps := map[resource.URN]Step{}
	for _, s := range preview.Steps {
		if s.Op == deploy.OpRead || s.Type == string(resource.RootStackType) || strings.HasPrefix(s.Type, "pulumi:providers:") {
			continue
		}
		steps[s.URN] = s
	}
	goal := func(u resource.URN) *deploy.GoalPlan {
		if preview.Plan == nil || preview.Plan.ResourcePlans[u] == nil {
			return nil
		}
		return preview.Plan.ResourcePlans[u].Goal
	}
	// Autonames carry random suffixes: show which resource's autoname a value is, wherever it appears.
	autonames := map[string]string{}
	for _, s := range steps {
		if v, ok := s.Inputs["name"]; ok && v.IsString() {
			if m := autonameRE.FindStringSubmatch(v.StringValue()); m != nil && m[1] == s.Name {
				autonames[v.StringValue()] = fmt.Sprintf("<autoname of %s %s: %s-xxxxxxx>", s.Type, s.Name, s.Name)
			}
		}
	}
	render := func(v resource.PropertyValue) string { return renderValue(v, autonames) }
	counts := map[string]int{}
	for _, s := range steps {
		counts[string(s.Op)]++
	}
	var ops []string
	for _, op := range slices.Sorted(maps.Keys(counts)) {
		ops = append(ops, fmt.Sprintf("%d to %s", counts[op], op))
	}
	fmt.Fprintf(&b, "\nResources (%s), in dependency order:\n", strings.Join(ops, ", "))
	for _, u := range dependencyOrder(steps, goal) {
		s := steps[u]
		fmt.Fprintf(&b, "\n  %s %s %s\n", s.Op, s.Type, s.Name)
		g := goal(u)
		if g == nil {
			continue
		}
		if g.Parent != "" && g.Parent.QualifiedType() != resource.RootStackType {
			fmt.Fprintf(&b, "      parent: %s\n", short(g.Parent))
		}
		for _, k := range s.Inputs.StableKeys() {
			if strings.HasPrefix(string(k), "__") {
				continue
			}
			fmt.Fprintf(&b, "      %s: %s\n", k, render(s.Inputs[k]))
		}
		var deps []string
		for _, d := range g.Dependencies {
			if d.QualifiedType() != resource.RootStackType && d != g.Parent {
				deps = append(deps, short(d))
			}
		}
		sort.Strings(deps)
		for _, d := range slices.Compact(deps) {
			fmt.Fprintf(&b, "      waits for: %s\n", d)
		}
	}

	if err := renderCompliance(&b, steps, goal); err != nil {
		fmt.Fprintf(&b, "\nCompliance could not be evaluated: %v\n", err)
	}

	b.WriteString("\nReads (run in previews too):\n")
	for _, s := range preview.Reads() {
		fmt.Fprintf(&b, "  read %s %s\n", s.Type, s.Name)
	}

	b.WriteString("\nExports:\n")
	outputs := StackOutputs(preview)
	for _, k := range outputs.StableKeys() {
		fmt.Fprintf(&b, "  %s: %s\n", k, render(outputs[k]))
	}
	return b.String()
}

// dependencyOrder sorts the steps so each comes after its parent and what it waits for; ties go by URN.
func dependencyOrder(steps map[resource.URN]Step, goal func(resource.URN) *deploy.GoalPlan) []resource.URN {
	before := map[resource.URN][]resource.URN{}
	for u := range steps {
		if g := goal(u); g != nil {
			for _, d := range append([]resource.URN{g.Parent}, g.Dependencies...) {
				if _, ok := steps[d]; ok {
					before[u] = append(before[u], d)
				}
			}
		}
	}
	done := map[resource.URN]bool{}
	var out []resource.URN
	for len(out) < len(steps) {
		var ready []resource.URN
		for u := range steps {
			if done[u] {
				continue
			}
			ok := true
			for _, d := range before[u] {
				ok = ok && done[d]
			}
			if ok {
				ready = append(ready, u)
			}
		}
		if len(ready) == 0 { // a cycle cannot happen in a Pulumi graph; keep going rather than loop forever
			for u := range steps {
				if !done[u] {
					ready = append(ready, u)
				}
			}
		}
		slices.Sort(ready)
		done[ready[0]] = true
		out = append(out, ready[0])
	}
	return out
}

// StackOutputs are the stack's exports as an operation (a preview too) registered them: the last outputs
// event of the root stack.
func StackOutputs(res *Result) resource.PropertyMap {
	out := resource.PropertyMap{}
	for _, e := range res.Events {
		if e.Type != engine.ResourceOutputsEvent {
			continue
		}
		p := e.Payload().(engine.ResourceOutputsEventPayload)
		if p.Metadata.Type == resource.RootStackType && p.Metadata.New != nil && len(p.Metadata.New.Outputs) > 0 {
			out = p.Metadata.New.Outputs
		}
	}
	return out
}

// short names a resource by type and name.
func short(u resource.URN) string { return string(u.Type()) + " " + u.Name() }

// renderValue shows a property value: strings quoted (autonames as whose they are), objects with sorted keys,
// resource references by type and name, unknowns as such.
func renderValue(v resource.PropertyValue, autonames map[string]string) string {
	render := func(v resource.PropertyValue) string { return renderValue(v, autonames) }
	switch {
	case v.IsComputed() || (v.IsOutput() && !v.OutputValue().Known):
		return "(known after apply)"
	case v.IsOutput():
		return render(v.OutputValue().Element)
	case v.IsSecret():
		return "[secret]"
	case v.IsResourceReference():
		return "resource " + short(v.ResourceReferenceValue().URN)
	case v.IsString():
		if a, ok := autonames[v.StringValue()]; ok {
			return a
		}
		return fmt.Sprintf("%q", v.StringValue())
	case v.IsObject():
		var parts []string
		for _, k := range v.ObjectValue().StableKeys() {
			parts = append(parts, string(k)+": "+render(v.ObjectValue()[k]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case v.IsArray():
		var parts []string
		for _, e := range v.ArrayValue() {
			parts = append(parts, render(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v.Mappable())
}

// renderCompliance evaluates the policy pack (components/policy, the README's compliance config) on what the
// preview plans and lists each policy's rule IDs with pass or FAIL, so a compliance regression shows in the
// pull request's diff. Values unknown before the update are not judged, as in `pulumi preview --policy-pack`.
func renderCompliance(b *strings.Builder, steps map[resource.URN]Step, goal func(resource.URN) *deploy.GoalPlan) error {
	var resources []policyx.AnalyzerResource
	for _, u := range slices.Sorted(maps.Keys(steps)) {
		s := steps[u]
		if !strings.HasPrefix(s.Type, "aws:") {
			continue
		}
		r := policyx.AnalyzerResource{Type: s.Type, Name: s.Name, URN: string(u),
			Properties: resource.FromResourcePropertyMap(s.Inputs)}
		if g := goal(u); g != nil {
			for _, d := range g.Dependencies {
				r.Dependencies = append(r.Dependencies, string(d))
			}
			r.PropertyDependencies = map[string][]string{}
			for k, urns := range g.PropertyDependencies {
				for _, d := range urns {
					r.PropertyDependencies[string(k)] = append(r.PropertyDependencies[string(k)], string(d))
				}
			}
		}
		resources = append(resources, r)
	}
	verdicts, err := policy.Evaluate(context.Background(), resources, policy.ComplianceConfig())
	if err != nil {
		return err
	}
	b.WriteString("\nCompliance (the policy pack with the README's config; unknown values not judged):\n")
	for _, v := range verdicts {
		verdict := "pass"
		if !v.Pass() {
			verdict = "FAIL"
		}
		fmt.Fprintf(b, "  %-4s %-31s %s\n", verdict, v.Policy, v.RuleIDs)
	}
	return nil
}
