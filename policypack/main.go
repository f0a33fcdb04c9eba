// Command policypack serves the apigw-access-logs policy pack (components/policy) to the Pulumi engine.
//
// A policy pack is a Pulumi project of its own, with its own PulumiPolicy.yaml, run by the engine as a plugin
// next to a stack's program rather than as part of it; so it lives in a directory of its own, outside the
// program's Pulumi.yaml project. The policies themselves are in components/policy, where they are tested
// without an engine; this command only hands them to policyx.Main, which speaks the analyzer protocol.
//
// Run it against a stack, from the repository root:
//
//	pulumi preview --policy-pack policypack
//	pulumi preview --policy-pack policypack --policy-pack-config policy-config.json
//
// or publish it to Pulumi Cloud and add it to a policy group (`pulumi policy publish policypack`). A config
// file sets each policy's enforcement level and settings; the defaults are shown here:
//
//	{
//	  "log-group-retention": {"enforcementLevel": "mandatory", "minimumRetentionDays": 365, "allowNeverExpire": false},
//	  "log-group-kms": {"enforcementLevel": "advisory", "requireKms": false},
//	  "rest-stage-xray": "advisory"
//	}
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/apigw-access-logs/apigw-access-logs/components/policy"
)

func main() {
	if err := policyx.Main(func(*pulumi.Context) (policyx.PolicyPack, error) { return policy.Pack() }); err != nil {
		cmdutil.ExitError(err.Error())
	}
}
