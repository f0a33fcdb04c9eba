package main

import (
	"runtime/debug"
	"strings"

	"github.com/blang/semver"
)

// version is the release this source tree is, without the "v": empty on main, and set only in the release
// commit that the tags vX.Y.Z and provider/vX.Y.Z point at (README, "Using the components from TypeScript,
// Python and YAML"). `pulumi package add <repository>.git/provider@vX.Y.Z` builds that commit from a clone
// without tags, so only the tree itself can say which release it is. A packaged binary may also set it when
// linking: go build -ldflags "-X main.version=1.2.3".
var version = ""

// developmentVersion is the version of a build that has none from its tree or from Go.
const developmentVersion = "0.0.0-dev"

// schemaVersion is the version the plugin reports and the schema carries, which `pulumi package add` needs:
// the release's (set, see version) if there is one; otherwise the version Go recorded in the build, which
// is vX.Y.Z for a build in a clone of the tag provider/vX.Y.Z (with its tags), and a pre-release
// pseudo-version naming the commit (0.0.0-20251204201700-67d0557abcde) in any other checkout;
// otherwise, without version control information (go build -buildvcs=false, a copy without .git),
// developmentVersion.
func schemaVersion(set string, info *debug.BuildInfo) string {
	if set != "" {
		return set
	}
	if info != nil {
		if v := strings.TrimPrefix(info.Main.Version, "v"); v != info.Main.Version {
			if _, err := semver.Parse(v); err == nil {
				return v
			}
		}
	}
	return developmentVersion
}

// buildInfo is the running binary's build information, or nil.
func buildInfo() *debug.BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	return info
}
