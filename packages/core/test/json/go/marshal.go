// Reads one base64 JSON text per line on stdin and prints, per line, the
// base64 of what the AWS provider sends for it: json.Unmarshal into `any`,
// then json.Marshal. With the argument "crud", the input must be an object
// and gets the lifecycle key "tf" = {"action":"create","prev_input":null} first,
// exactly as the provider builds a CRUD payload. Errors print "ERR message".
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	crud := len(os.Args) > 1 && os.Args[1] == "crud"
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64*1024*1024), 64*1024*1024)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		text, err := base64.StdEncoding.DecodeString(in.Text())
		if err != nil {
			fmt.Fprintln(out, "ERR bad base64")
			continue
		}
		var v any
		if err := json.Unmarshal(text, &v); err != nil {
			fmt.Fprintln(out, "ERR", err.Error())
			continue
		}
		if crud {
			m, ok := v.(map[string]any)
			if !ok {
				fmt.Fprintln(out, "ERR not an object")
				continue
			}
			var prev map[string]any
			m["tf"] = map[string]any{"action": "create", "prev_input": prev}
			v = m
		}
		b, err := json.Marshal(v)
		if err != nil {
			fmt.Fprintln(out, "ERR", err.Error())
			continue
		}
		fmt.Fprintln(out, base64.StdEncoding.EncodeToString(b))
	}
}
