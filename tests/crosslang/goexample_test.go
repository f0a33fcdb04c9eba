package crosslang

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The README's Go example (section "Using the components in your own program") compiles against the
// components, in a program that declares the api and deployment it refers to: the snippet's imports (a line or
// a block) join the program's imports, the rest is the body of its Pulumi program.
func TestGoExampleCompiles(t *testing.T) {
	t.Parallel()
	snippet := readmeBlock(t, "## Using the components in your own program", "go")
	imports := map[string]bool{
		`"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"`: true,
		`"github.com/pulumi/pulumi/sdk/v3/go/pulumi"`:             true,
	}
	var body []string
	inImports := false
	for _, line := range strings.Split(snippet, "\n") {
		switch trimmed := strings.TrimSpace(line); {
		case trimmed == "import (":
			inImports = true
		case inImports && trimmed == ")":
			inImports = false
		case inImports:
			if trimmed != "" {
				imports[trimmed] = true
			}
		case strings.HasPrefix(trimmed, "import "):
			imports[strings.TrimSpace(strings.TrimPrefix(trimmed, "import "))] = true
		default:
			body = append(body, "\t\t"+line)
		}
	}
	var program strings.Builder
	program.WriteString("package main\n\nimport (\n")
	for path := range imports {
		program.WriteString("\t" + path + "\n")
	}
	program.WriteString(`)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		api, err := apigateway.NewRestApi(ctx, "orders", nil)
		if err != nil {
			return err
		}
		deployment, err := apigateway.NewDeployment(ctx, "orders", &apigateway.DeploymentArgs{RestApi: api.ID()})
		if err != nil {
			return err
		}
` + strings.Join(body, "\n") + `
		return err
	})
}
`)
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"main.go": []byte(program.String())})
	// Built from this package's directory, so the components resolve through the workspace.
	out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "example"), filepath.Join(dir, "main.go")).CombinedOutput()
	require.NoError(t, err, "go build of the README's Go example:\n%s\nthe program:\n%s", out, program.String())
}
