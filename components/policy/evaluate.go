package policy

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Verdict is one policy's judgement of a stack: the rule IDs it covers and the violations it found (none:
// the stack passes those rules).
type Verdict struct {
	// Policy is the policy's name, such as "rest-stage-xray".
	Policy string
	// RuleIDs are the IDs the policy covers, as its description lists them ("; " between groups).
	RuleIDs string
	// Enforcement is the policy's enforcement level.
	Enforcement policyx.EnforcementLevel
	// Violations are the messages the policy reported, each naming the resource and the rule IDs.
	Violations []string
}

// Pass reports whether the stack passes the policy's rules.
func (v Verdict) Pass() bool { return len(v.Violations) == 0 }

// ComplianceConfig is the policy config of the README's compliance table: at least a year of retention,
// never-expire not accepted (KICS ef0b316a), and a KMS key required.
func ComplianceConfig() map[string]map[string]any {
	return map[string]map[string]any{
		"log-group-retention": {"minimumRetentionDays": DefaultMinimumRetentionDays, "allowNeverExpire": false},
		"log-group-kms":       {"requireKms": true},
	}
}

// idsInDescription finds the bracketed rule IDs in a policy's description.
var idsInDescription = regexp.MustCompile(`\[([^\]]+)\]`)

// Evaluate runs every policy of the pack over a stack's resources, as `pulumi preview --policy-pack` would,
// outside the engine: resource policies on each resource, stack policies on all of them. config holds the
// resource policies' config by policy name (nil: the defaults; stack policies take none). It returns one
// verdict per policy, in [Policies] order.
func Evaluate(ctx context.Context, resources []policyx.AnalyzerResource, config map[string]map[string]any) ([]Verdict, error) {
	var out []Verdict
	for _, p := range Policies() {
		v := Verdict{Policy: p.Name(), Enforcement: p.EnforcementLevel()}
		var ids []string
		for _, m := range idsInDescription.FindAllStringSubmatch(p.Description(), -1) {
			ids = append(ids, m[1])
		}
		v.RuleIDs = strings.Join(ids, "; ")
		if v.RuleIDs == "" {
			v.RuleIDs = "API Gateway developer guide (no scanner rule ID)"
		}
		manager := &collect{}
		switch p := p.(type) {
		case policyx.ResourceValidationPolicy:
			for _, r := range resources {
				if err := p.Validate(ctx, policyx.ResourceValidationArgs{Manager: manager, Resource: r, Config: config[p.Name()]}); err != nil {
					return nil, fmt.Errorf("policy %s on %s: %w", p.Name(), r.URN, err)
				}
			}
		case policyx.StackValidationPolicy:
			if err := p.Validate(ctx, policyx.StackValidationArgs{Manager: manager, Resources: resources}); err != nil {
				return nil, fmt.Errorf("policy %s: %w", p.Name(), err)
			}
		}
		v.Violations = manager.messages
		out = append(out, v)
	}
	return out, nil
}

// collect is a policyx.PolicyManager that keeps the messages it is told.
type collect struct{ messages []string }

func (c *collect) ReportViolation(message, _ string) { c.messages = append(c.messages, message) }
