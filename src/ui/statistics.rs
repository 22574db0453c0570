//! The Statistics panel's state and work: a measure of the view computed
//! off the UI thread (with progress and Stop), its ranking, and what the
//! canvas takes from it: entity sizes, community colours and label
//! priority. The measures themselves are the library's (`metrics`).

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use eframe::egui::Color32;
use petgraph::stable_graph::NodeIndex;

use super::session::Session;
use crate::graph::View;
use crate::metrics::{Measure, Options, Progress, Scores, SimpleGraph, Weighting};

/// Community colours (ColorBrewer Set1 and Dark2, distinct on both
/// themes); communities beyond them are grey.
const COMMUNITY_COLOURS: [[u8; 3]; 14] = [
    [228, 26, 28],
    [55, 126, 184],
    [77, 175, 74],
    [152, 78, 163],
    [255, 127, 0],
    [255, 255, 51],
    [166, 86, 40],
    [247, 129, 191],
    [27, 158, 119],
    [217, 95, 2],
    [117, 112, 179],
    [231, 41, 138],
    [102, 166, 30],
    [230, 171, 2],
];

/// The colour of community `number` (grey beyond the palette).
pub fn community_colour(number: usize) -> Color32 {
    match COMMUNITY_COLOURS.get(number) {
        Some([r, g, b]) => Color32::from_rgb(*r, *g, *b),
        None => Color32::from_gray(150),
    }
}

/// A measure being computed on another thread.
pub(crate) struct StatisticsJob {
    pub(crate) progress: Arc<Progress>,
    receiver: Receiver<Option<Scores>>,
    view: View,
}

/// The panel's choices and its latest result.
pub(crate) struct StatisticsPanel {
    pub(crate) measure: Measure,
    pub(crate) weighted: bool,
    /// Entities sized by the measure (amounts only).
    pub(crate) size_by: bool,
    /// Entities coloured by community (the community measure).
    pub(crate) colour_by: bool,
    pub(crate) result: Option<Scores>,
    /// The result ranked, and for a group measure its groups, worked out
    /// once when it arrives rather than every frame.
    pub(crate) ranked: Vec<(NodeIndex, f64)>,
    pub(crate) groups: Vec<Vec<NodeIndex>>,
    /// The view the result is of.
    pub(crate) result_view: Option<View>,
    pub(crate) job: Option<StatisticsJob>,
    /// Changes whenever what the canvas takes from here changes.
    pub(crate) generation: u64,
    /// By node index: 0..=1 for sizes and priority, or a community number.
    by_node: Vec<Option<f64>>,
    pub(crate) stopped: bool,
}

impl Default for StatisticsPanel {
    fn default() -> Self {
        StatisticsPanel {
            measure: Measure::Betweenness,
            weighted: false,
            size_by: false,
            colour_by: false,
            result: None,
            ranked: Vec::new(),
            groups: Vec::new(),
            result_view: None,
            job: None,
            generation: 0,
            by_node: Vec::new(),
            stopped: false,
        }
    }
}

impl StatisticsPanel {
    /// Starts computing the chosen measure on the session's view (a
    /// running computation is stopped first).
    pub(crate) fn start(&mut self, session: &Session) {
        if let Some(job) = self.job.take() {
            job.progress.stop();
        }
        let options = Options {
            weighting: if self.weighted {
                Weighting::Sources
            } else {
                Weighting::Unweighted
            },
            ..Options::default()
        };
        let simple = SimpleGraph::new(&session.graph, &session.view, options.weighting);
        let progress = Arc::new(Progress::new());
        let (sender, receiver) = std::sync::mpsc::channel();
        let measure = self.measure;
        let shared = progress.clone();
        let spawned = std::thread::Builder::new()
            .name("statistics".into())
            .spawn(move || {
                let _ = sender.send(crate::metrics::compute_on(
                    &simple, measure, options, &shared,
                ));
            });
        if spawned.is_err() {
            return;
        }
        self.stopped = false;
        self.job = Some(StatisticsJob {
            progress,
            receiver,
            view: session.view.clone(),
        });
    }

    /// Takes the result in when the job is done (or waits for it, with
    /// `wait`). Returns whether something changed.
    pub(crate) fn poll(&mut self, session: &Session, wait: bool) -> bool {
        let Some(job) = &self.job else {
            return false;
        };
        let outcome = if wait {
            job.receiver.recv().ok()
        } else {
            match job.receiver.try_recv() {
                Ok(outcome) => Some(outcome),
                Err(TryRecvError::Empty) => return false,
                Err(TryRecvError::Disconnected) => None,
            }
        };
        let Some(job) = self.job.take() else {
            return false;
        };
        match outcome.flatten() {
            Some(scores) => {
                self.by_node = vec![None; session.graph.node_bound()];
                let label = scores.measure.is_label();
                let max = scores.values.iter().copied().fold(0.0_f64, f64::max);
                for (node, &value) in scores.nodes.iter().zip(&scores.values) {
                    if let Some(slot) = self.by_node.get_mut(node.index()) {
                        *slot = Some(if label || max <= 0.0 {
                            value
                        } else {
                            value / max
                        });
                    }
                }
                self.ranked = scores.ranked(&session.graph);
                self.groups = if scores.measure.is_label() {
                    scores.groups(&session.graph)
                } else {
                    Vec::new()
                };
                self.result = Some(scores);
                self.result_view = Some(job.view);
            }
            None => self.stopped = true,
        }
        self.generation += 1;
        true
    }

    /// Whether the result is of another view than the one shown.
    pub(crate) fn is_stale(&self, view: &View) -> bool {
        self.result_view.as_ref().is_some_and(|v| v != view)
    }

    /// The measure's share of its maximum (0..=1), when entities are sized
    /// by it.
    pub(crate) fn size_of(&self, node: NodeIndex) -> Option<f64> {
        let scores = self.result.as_ref()?;
        if !self.size_by || scores.measure.is_label() {
            return None;
        }
        self.by_node.get(node.index()).copied().flatten()
    }

    /// The community colour of an entity, when colouring by community.
    pub(crate) fn colour_of(&self, node: NodeIndex) -> Option<Color32> {
        let scores = self.result.as_ref()?;
        if !self.colour_by || scores.measure != Measure::Community {
            return None;
        }
        let number = self.by_node.get(node.index()).copied().flatten()?;
        Some(community_colour(number as usize))
    }

    /// Label priority from the measure (higher first), when it is an amount.
    pub(crate) fn priority(&self, node: NodeIndex) -> Option<u32> {
        let scores = self.result.as_ref()?;
        if scores.measure.is_label() {
            return None;
        }
        let share = self.by_node.get(node.index()).copied().flatten()?;
        Some((share.clamp(0.0, 1.0) * 1_000_000.0) as u32)
    }

    /// Forgets results of a graph that is gone (a dataset opened or edited).
    pub(crate) fn forget(&mut self) {
        if let Some(job) = self.job.take() {
            job.progress.stop();
        }
        self.result = None;
        self.ranked.clear();
        self.groups.clear();
        self.result_view = None;
        self.by_node.clear();
        self.generation += 1;
    }
}
