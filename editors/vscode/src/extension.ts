// The crmreq extension: starts `crmreq lsp` (the language server shipped with crmreq) for the
// YAML and TOML files of the workspace. Everything else (diagnostics, hover, go to definition,
// references, completion, code actions) comes from the server.

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function createClient(): LanguageClient {
  const command = vscode.workspace.getConfiguration("crmreq").get<string>("path", "crmreq");
  const serverOptions: ServerOptions = { command, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    // by file name, not by language: VS Code has no TOML language without another extension
    documentSelector: [{ scheme: "file", pattern: "**/*.{yaml,yml,toml}" }],
  };
  return new LanguageClient("crmreq", "crmreq", serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient();
  context.subscriptions.push(
    vscode.commands.registerCommand("crmreq.restartServer", async () => {
      await client?.stop();
      client = createClient();
      await client.start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("crmreq.path")) {
        await vscode.commands.executeCommand("crmreq.restartServer");
      }
    }),
  );
  try {
    await client.start();
  } catch (error) {
    const path = vscode.workspace.getConfiguration("crmreq").get<string>("path", "crmreq");
    void vscode.window.showErrorMessage(
      `crmreq: could not start "${path} lsp" (${error}). Install crmreq (pip install crmreq) or set crmreq.path.`,
    );
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
