package policy_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/apigw-access-logs/apigw-access-logs/components/policy"
)

// The pack and each policy's default enforcement level; policypack/main.go serves it to the engine with
// policyx.Main.
func ExamplePack() {
	pack, err := policy.Pack()
	if err != nil {
		panic(err)
	}
	level := map[policyx.EnforcementLevel]string{
		policyx.EnforcementLevelAdvisory:  "advisory",
		policyx.EnforcementLevelMandatory: "mandatory",
	}
	fmt.Println(pack.Name(), pack.Version())
	for _, p := range pack.Policies() {
		kind := "resource"
		if _, ok := p.(policyx.StackValidationPolicy); ok {
			kind = "stack"
		}
		fmt.Printf("%-31s %-9s %s\n", p.Name(), level[p.EnforcementLevel()], kind)
	}
	// Output:
	// apigw-access-logs 0.1.0
	// stage-access-logging            mandatory resource
	// access-log-request-id           mandatory resource
	// access-log-not-execution-group  mandatory resource
	// log-group-retention             mandatory resource
	// log-group-kms                   advisory  resource
	// rest-stage-xray                 advisory  resource
	// method-settings-logging         advisory  resource
	// method-settings-no-data-trace   advisory  resource
	// stage-execution-logging         advisory  stack
	// execution-log-group-defined     advisory  stack
}
