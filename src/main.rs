//! The `tiegraph` binary: opens the window, or hands a command to [`cli`].

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Die quietly when the reader of our output goes away (`tiegraph … | head`),
    // as command-line tools do, instead of panicking on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = cli::Cli::parse();
    if let Some(request) = cli.gui() {
        #[cfg(feature = "gui")]
        return match tiegraph::ui::run(request.dataset, request.question) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: cannot open the window: {error}");
                eprintln!("help: the command line works without a display; see `tiegraph --help`");
                ExitCode::FAILURE
            }
        };
        #[cfg(not(feature = "gui"))]
        {
            let _ = request;
            eprintln!("error: this tiegraph was built without the window (feature `gui`)");
            eprintln!("help: the command line works; see `tiegraph --help`");
            return ExitCode::FAILURE;
        }
    }
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
