//! The `tiegraph` binary: opens the window, or hands a command to [`cli`].

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if let Some(request) = cli.gui() {
        return match tiegraph::ui::run(request.dataset, request.question) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: cannot open the window: {error}");
                eprintln!("help: the command line works without a display; see `tiegraph --help`");
                ExitCode::FAILURE
            }
        };
    }
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
