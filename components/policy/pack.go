package policy

import (
	"fmt"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Name is the policy pack's name, as policy groups and `pulumi preview --policy-pack` show it.
const Name = "apigw-access-logs"

// Version is the policy pack's version. Publishing a changed pack to Pulumi Cloud needs a new version.
var Version = semver.MustParse("0.1.0")

// Policies returns every policy of the pack: the resource policies in the order a resource is judged, then the
// stack policies.
func Policies() []policyx.Policy {
	return []policyx.Policy{
		StageAccessLogging(),
		AccessLogRequestID(),
		AccessLogNotExecutionGroup(),
		LogGroupRetention(),
		LogGroupKMS(),
		RESTStageXRay(),
		MethodSettingsLogging(),
		MethodSettingsNoDataTrace(),
		StageExecutionLogging(),
		ExecutionLogGroupDefined(),
	}
}

// Pack returns the policy pack: [Policies] under [Name] and [Version]. Each policy has its own enforcement
// level; the pack-wide level is advisory, the level of the policies that only advise.
func Pack() (policyx.PolicyPack, error) {
	pack, err := policyx.NewPolicyPack(Name, Version, policyx.EnforcementLevelAdvisory, Policies())
	if err != nil {
		return nil, fmt.Errorf("policy pack %s: %w", Name, err)
	}
	return pack, nil
}
