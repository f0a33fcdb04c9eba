package crosslang

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// toolsBin is where .ci/run builds the Pulumi CLI and the YAML language host (tests/tools).
const toolsBin = "../tools/bin"

// tool returns the absolute path of a tool built into tests/tools/bin, and skips the test, saying how to build
// it, when it is not there. .ci/run builds every tool first, so CI never skips.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join(toolsBin, name))
	require.NoError(t, err)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is not built, so this test cannot run: .ci/run builds it (see tests/tools/go.mod for the "+
			"command)", path)
	}
	return path
}

// readmeSection is the README's section on the components from other languages.
const readmeSection = "## Using the components from TypeScript, Python and YAML"

var fence = regexp.MustCompile("(?ms)^```([a-z]+)\n(.*?)^```$")

// readmeExample returns the README's example in language lang (the fenced block's tag: ts, python, yaml) from
// the section on other languages: the one block of that language there.
func readmeExample(t *testing.T, lang string) string {
	t.Helper()
	return readmeBlock(t, readmeSection, lang)
}

// readmeBlock returns the one fenced block in language lang of the README's section with heading heading.
func readmeBlock(t *testing.T, heading, lang string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	readme := string(data)
	start := strings.Index(readme, "\n"+heading+"\n")
	require.GreaterOrEqual(t, start, 0, "the README has the section %q", heading)
	section := readme[start+1:]
	if end := strings.Index(section[len(heading):], "\n## "); end >= 0 {
		section = section[:len(heading)+end]
	}
	var blocks []string
	for _, m := range fence.FindAllStringSubmatch(section, -1) {
		if m[1] == lang {
			blocks = append(blocks, m[2])
		}
	}
	require.Len(t, blocks, 1, "one %s example in the README's section %q", lang, heading)
	return blocks[0]
}
