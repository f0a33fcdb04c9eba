package apigwlogs

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// OwnerTagKey tags every log group this package creates with "<project>/<stack>", so a later run can tell a
// group it created (kept by a destroy, or lost from the state) from one API Gateway or another tool created.
const OwnerTagKey = "apigw-access-logs:owner"

// ownerTags adds the owner tag to tags.
func ownerTags(ctx *pulumi.Context, tags pulumi.StringMapInput) pulumi.StringMapInput {
	owner := pulumi.String(ctx.Project() + "/" + ctx.Stack())
	if tags == nil {
		return pulumi.StringMap{OwnerTagKey: owner}
	}
	return tags.ToStringMapOutput().ApplyT(func(m map[string]string) map[string]string {
		out := map[string]string{OwnerTagKey: ctx.Project() + "/" + ctx.Stack()}
		for k, v := range m {
			out[k] = v
		}
		return out
	}).(pulumi.StringMapOutput)
}

// groupAdoption decides how a log group with a name known now is registered, from what exists in the region
// (two invokes, which previews run too): absent, it is created; present with this stack's owner tag, it is
// imported under its name (a no-op when it is already in the state, an adoption after a destroy that kept it);
// present without the tag, it is imported only when adopt is set, and otherwise the program stops with what to
// do, instead of AWS failing the create with ResourceAlreadyExistsException.
//
// It also returns the existing group, nil when there is none.
func groupAdoption(ctx *pulumi.Context, group string, adopt bool, parent pulumi.Resource, howToAdopt string) ([]pulumi.ResourceOption, *cloudwatch.LookupLogGroupResult, error) {
	found, err := cloudwatch.GetLogGroups(ctx, &cloudwatch.GetLogGroupsArgs{LogGroupNamePrefix: &group}, pulumi.Parent(parent))
	if err != nil {
		return nil, nil, fmt.Errorf("looking for log group %s: %w", group, err)
	}
	if !slices.Contains(found.LogGroupNames, group) {
		return nil, nil, nil
	}
	existing, err := cloudwatch.LookupLogGroup(ctx, &cloudwatch.LookupLogGroupArgs{Name: group}, pulumi.Parent(parent))
	if err != nil {
		return nil, nil, fmt.Errorf("reading log group %s: %w", group, err)
	}
	if !adopt && existing.Tags[OwnerTagKey] != ctx.Project()+"/"+ctx.Stack() {
		return nil, nil, fmt.Errorf("log group %s already exists and this stack did not create it: %s", group, howToAdopt)
	}
	return []pulumi.ResourceOption{pulumi.Import(pulumi.ID(group))}, existing, nil
}
