//! Filters and paths on the curated graph, with answers checked by hand
//! against the source texts.

use std::collections::BTreeSet;

use tiegraph::model::{NodeKind, Relation};
use tiegraph::query::{
    Filter, PathMode, PathQuery, QueryError, SavedFilter, connect, dataset_hash, explain_path,
    find_paths, resolve,
};
use tiegraph::review::Reviews;

use crate::support::{embedded_graph, ids, load};

fn shortest(
    graph: &tiegraph::graph::TieGraph,
    from: &str,
    to: &str,
    query: &PathQuery,
) -> Vec<Vec<String>> {
    let (a, b) = (resolve(graph, from).unwrap(), resolve(graph, to).unwrap());
    let found = find_paths(
        graph,
        None,
        &Reviews::default(),
        a,
        b,
        PathMode::AllShortest,
        query,
    )
    .unwrap();
    found.paths.iter().map(|p| ids(graph, p)).collect()
}

// ── paths ──

/// 000: "Alexander Basov, the exporter’s representative" (Rosoboronexport),
/// and Min Aung Hlaing visited "the headquarters of Rosoboronexport"
/// (003: "which Min Aung Hlaing visited on June 22").
#[test]
fn rosoboronexport_representative_to_the_senior_general() {
    let graph = embedded_graph();
    let paths = shortest(
        &graph,
        "Alexander Basov",
        "Min Aung Hlaing",
        &PathQuery::default(),
    );
    assert_eq!(
        paths,
        vec![vec![
            "alexander-basov",
            "rosoboronexport",
            "min-aung-hlaing"
        ]]
    );
}

#[test]
fn the_explanation_gives_relation_direction_date_and_every_quote() {
    let graph = embedded_graph();
    let (a, b) = (
        resolve(&graph, "Alexander Basov").unwrap(),
        resolve(&graph, "Minh Aung Hlaing").unwrap(),
    );
    let found = find_paths(
        &graph,
        None,
        &Reviews::default(),
        a,
        b,
        PathMode::AllShortest,
        &PathQuery::default(),
    )
    .unwrap();
    let explained = explain_path(&graph, &found.paths[0]);
    let visit = &explained.hops[1].claims[0];
    assert_eq!(visit.relation, "visited");
    // Read from Rosoboronexport towards Min Aung Hlaing, the claim runs backwards.
    assert_eq!(visit.direction, "backward");
    assert_eq!(visit.date.as_deref(), Some("2021-06-22"));
    assert!(visit.date_inferred, "003 gives June 22 without a year");
    assert_eq!(
        visit.sources, 2,
        "an unattributed article and The Moscow Times"
    );
    let publishers: BTreeSet<&str> = visit
        .evidence
        .iter()
        .map(|e| e.publisher.as_str())
        .collect();
    assert!(publishers.contains("The Moscow Times"));
    assert!(
        visit
            .evidence
            .iter()
            .any(|e| e.quote.contains("which Min Aung Hlaing visited on June 22"))
    );
    let text = explained.to_string();
    assert!(text.contains("\"Rosoboronexport — which Min Aung Hlaing visited on June 22\" — Russian Military Delegation"), "{text}");
}

/// Avoiding Rosoboronexport, the route runs through the nine delegates who
/// went to Naypyitaw, their leader Kasatonov, whom Min Aung Hlaing met on
/// board the Gremyashiy (001, October 29).
#[test]
fn avoiding_an_entity_changes_the_answer() {
    let graph = embedded_graph();
    let query = PathQuery {
        avoid: vec!["rosoboronexport".into()],
        ..PathQuery::default()
    };
    let paths = shortest(&graph, "Alexander Basov", "Min Aung Hlaing", &query);
    assert!(!paths.is_empty());
    for path in &paths {
        assert_eq!(path.len(), 4, "{path:?}");
        assert!(!path.contains(&"rosoboronexport".to_string()));
        assert!(path.contains(&"vladimir-kasatonov".to_string()), "{path:?}");
    }
}

#[test]
fn allowed_relations_change_the_answer() {
    let graph = embedded_graph();
    let query = PathQuery {
        relations: vec![
            Relation::MEMBER_OF,
            Relation::PART_OF,
            Relation::LED,
            Relation::MET,
        ],
        ..PathQuery::default()
    };
    let (a, b) = (
        resolve(&graph, "Alexander Basov").unwrap(),
        resolve(&graph, "Min Aung Hlaing").unwrap(),
    );
    let found = find_paths(
        &graph,
        None,
        &Reviews::default(),
        a,
        b,
        PathMode::AllShortest,
        &query,
    )
    .unwrap();
    assert!(!found.paths.is_empty());
    for path in &found.paths {
        assert!(path.len() >= 3);
        for claim in path.hops.iter().flatten() {
            assert!(query.relations.contains(&graph.claim(*claim).relation));
        }
    }
}

#[test]
fn min_sources_per_hop_drops_single_source_hops() {
    let graph = embedded_graph();
    let query = PathQuery {
        min_sources: 2,
        ..PathQuery::default()
    };
    // Basov is named by one article only.
    assert!(shortest(&graph, "Alexander Basov", "Min Aung Hlaing", &query).is_empty());
    // The Rosoboronexport visit is stated by an unattributed article and,
    // independently, by The Moscow Times.
    let paths = shortest(&graph, "Min Aung Hlaing", "Rosoboronexport", &query);
    assert_eq!(paths, vec![vec!["min-aung-hlaing", "rosoboronexport"]]);
    // Kasatonov's leadership of the June delegation is in two articles, but
    // both relay Myanmar Now's report: one independent source.
    assert!(
        shortest(
            &graph,
            "Vladimir Kasatonov",
            "russian-naval-delegation-2021-06",
            &query
        )
        .is_empty()
    );
}

/// Ukraine appears only as the country Russia invaded: every path out of it
/// crosses the Russia hub.
#[test]
fn hubs_are_skipped_unless_allowed() {
    let graph = embedded_graph();
    assert!(shortest(&graph, "Ukraine", "Min Aung Hlaing", &PathQuery::default()).is_empty());
    let query = PathQuery {
        allow_hubs: true,
        ..PathQuery::default()
    };
    let paths = shortest(&graph, "Ukraine", "Min Aung Hlaing", &query);
    assert!(!paths.is_empty());
    assert!(paths.iter().all(|p| p[1] == "russia"), "{paths:?}");
    // A hub may still be an endpoint.
    assert!(!shortest(&graph, "Russia", "Rosoboronexport", &PathQuery::default()).is_empty());
}

#[test]
fn every_shortest_path_is_listed_and_ranked() {
    let graph = load("timeline.toml");
    let paths = shortest(&graph, "Anna", "Carl", &PathQuery::default());
    assert_eq!(
        paths,
        vec![vec!["anna", "boris", "carl"], vec!["anna", "fay", "carl"]]
    );
}

#[test]
fn time_respecting_paths_drop_backwards_dates_but_keep_uncertain_ones() {
    let graph = load("timeline.toml");
    let query = PathQuery {
        time_respecting: true,
        ..PathQuery::default()
    };
    // June then March runs backwards; the approximate-then-undated route is possible.
    assert_eq!(
        shortest(&graph, "anna", "carl", &query),
        vec![vec!["anna", "fay", "carl"]]
    );
    let (a, c) = (
        resolve(&graph, "anna").unwrap(),
        resolve(&graph, "carl").unwrap(),
    );
    let found = find_paths(
        &graph,
        None,
        &Reviews::default(),
        a,
        c,
        PathMode::KShortest(5),
        &query,
    )
    .unwrap();
    let found: Vec<Vec<String>> = found.paths.iter().map(|p| ids(&graph, p)).collect();
    assert_eq!(
        found,
        vec![
            vec!["anna", "fay", "carl"],
            vec!["anna", "dana", "erik", "carl"]
        ]
    );
}

#[test]
fn k_shortest_paths_are_simple_distinct_and_in_order() {
    let graph = embedded_graph();
    let (a, b) = (
        resolve(&graph, "Sergey Shoigu").unwrap(),
        resolve(&graph, "Moe Aung").unwrap(),
    );
    let found = find_paths(
        &graph,
        None,
        &Reviews::default(),
        a,
        b,
        PathMode::KShortest(8),
        &PathQuery::default(),
    )
    .unwrap();
    assert_eq!(found.paths.len(), 8);
    let mut seen = BTreeSet::new();
    for window in found.paths.windows(2) {
        assert!(window[0].len() <= window[1].len());
    }
    for path in &found.paths {
        let unique: BTreeSet<_> = path.nodes.iter().collect();
        assert_eq!(unique.len(), path.nodes.len(), "simple");
        assert!(seen.insert(path.nodes.clone()), "distinct");
        assert!(path.hops.iter().all(|claims| !claims.is_empty()));
    }
    // Yen's first path is one of the shortest.
    let shortest_len = find_paths(
        &graph,
        None,
        &Reviews::default(),
        a,
        b,
        PathMode::AllShortest,
        &PathQuery::default(),
    )
    .unwrap()
    .paths[0]
        .len();
    assert_eq!(found.paths[0].len(), shortest_len);
}

#[test]
fn all_simple_paths_are_bounded_and_never_repeat_over_parallel_claims() {
    let graph = load("minimal.toml");
    let (a, b) = (
        resolve(&graph, "alice").unwrap(),
        resolve(&graph, "bob").unwrap(),
    );
    // Two parallel claims link Alice and Bob: still one path, with both claims.
    let found = find_paths(
        &graph,
        None,
        &Reviews::default(),
        a,
        b,
        PathMode::AllSimple,
        &PathQuery::default(),
    )
    .unwrap();
    assert_eq!(found.paths.len(), 1);
    assert_eq!(found.paths[0].hops[0].len(), 2);

    let graph = embedded_graph();
    let (a, b) = (
        resolve(&graph, "Sergey Shoigu").unwrap(),
        resolve(&graph, "Moe Aung").unwrap(),
    );
    let query = PathQuery {
        max_hops: 5,
        limit: 25,
        ..PathQuery::default()
    };
    let found = find_paths(
        &graph,
        None,
        &Reviews::default(),
        a,
        b,
        PathMode::AllSimple,
        &query,
    )
    .unwrap();
    assert_eq!(found.paths.len(), 25);
    assert!(found.truncated);
    assert!(found.paths.iter().all(|p| p.len() <= 5));
}

#[test]
fn unknown_entities_get_suggestions() {
    let graph = embedded_graph();
    match resolve(&graph, "Min Aung Hlang") {
        Err(QueryError::UnknownEntity { suggestions, .. }) => {
            assert_eq!(
                suggestions.first().map(String::as_str),
                Some("Min Aung Hlaing")
            );
        }
        other => panic!("{other:?}"),
    }
    let error = resolve(&graph, "kasatonoff").unwrap_err().to_string();
    assert!(error.contains("did you mean Vladimir Kasatonov"), "{error}");
}

#[test]
fn connect_links_every_entity_by_a_stated_method() {
    let graph = embedded_graph();
    let names = ["Alexander Basov", "Nikolai Yevmenov", "Rustam Minnikhanov"];
    let terminals: Vec<_> = names.iter().map(|n| resolve(&graph, n).unwrap()).collect();
    let connection = connect(
        &graph,
        None,
        &Reviews::default(),
        &terminals,
        &PathQuery::default(),
    )
    .unwrap();
    assert_eq!(connection.groups.len(), 1, "all connected");
    assert_eq!(
        connection.paths.len(),
        2,
        "a spanning tree over three entities"
    );
    let view = connection.view(&graph);
    for &t in &terminals {
        assert!(view.contains_node(t));
    }
    // Connected: a BFS over the result's claims reaches every entity.
    let reached = tiegraph::query::neighbourhood(&graph, &view, &terminals[..1], usize::MAX);
    assert_eq!(reached.node_count(), view.node_count());
    // No larger than the union of the two shortest paths it is built from.
    assert!(
        view.node_count()
            <= connection
                .paths
                .iter()
                .map(|p| p.nodes.len())
                .sum::<usize>()
    );
}

#[test]
fn connect_reports_separate_groups() {
    let graph = embedded_graph();
    let terminals = vec![
        resolve(&graph, "Ukraine").unwrap(),
        resolve(&graph, "Alexander Basov").unwrap(),
    ];
    let connection = connect(
        &graph,
        None,
        &Reviews::default(),
        &terminals,
        &PathQuery::default(),
    )
    .unwrap();
    assert_eq!(connection.groups.len(), 2);
}

// ── filters ──

#[test]
fn relation_filter_with_hide_isolated_keeps_only_port_calls() {
    let graph = embedded_graph();
    let filter = Filter {
        relations: vec![Relation::DOCKED_AT],
        hide_isolated: true,
        ..Filter::default()
    };
    let view = filter.apply(&graph).unwrap();
    assert_eq!(view.edge_count(), 2, "Perekop and Gremyashiy");
    let kinds: BTreeSet<NodeKind> = view.nodes().map(|n| graph.node(n).kind).collect();
    assert!(kinds.contains(&NodeKind::EQUIPMENT));
    assert!(
        kinds
            .iter()
            .all(|k| *k == NodeKind::EQUIPMENT || *k == NodeKind::PLACE),
        "{kinds:?}"
    );
}

#[test]
fn date_window_overlaps_partial_dates_and_ranges() {
    let graph = embedded_graph();
    let june = Filter {
        from: Some("2021-06-15".parse().unwrap()),
        to: Some("2021-06-15".parse().unwrap()),
        drop_undated: true,
        ..Filter::default()
    };
    let view = june.apply(&graph).unwrap();
    assert!(view.edge_count() > 0);
    for edge in view.edges() {
        let date = graph.claim(edge).date.as_ref().unwrap();
        assert!(
            date.first_day() <= (2021, 6, 15) && date.last_day() >= (2021, 6, 15),
            "{date}"
        );
    }
    // The June 13–19 delegation is dated by a range that contains the 15th.
    let delegation = graph
        .claim_index("vladimir-kasatonov--led--russian-naval-delegation-2021-06")
        .unwrap();
    assert!(view.contains_edge(delegation));
    // Undated claims stay unless dropped.
    let keep = Filter {
        drop_undated: false,
        ..june.clone()
    };
    let kept = keep.apply(&graph).unwrap();
    assert!(kept.edge_count() > view.edge_count());
    assert!(kept.edges().any(|e| graph.claim(e).date.is_none()));
}

#[test]
fn source_filters_keep_only_what_the_chosen_sources_back() {
    let graph = embedded_graph();
    let by_document = Filter {
        documents: vec!["moscow-times-secret-visit".into()],
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    let by_publisher = Filter {
        publishers: vec!["the moscow times".into()],
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    assert_eq!(by_document, by_publisher);
    let expected = graph
        .dataset()
        .claims
        .iter()
        .filter(|c| {
            c.evidence
                .iter()
                .any(|e| e.document == "moscow-times-secret-visit")
        })
        .count();
    assert_eq!(by_document.edge_count(), expected);

    let corroborated = Filter {
        min_sources: 2,
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    assert!(corroborated.edge_count() > 0);
    assert!(corroborated.edges().all(|e| graph.sources(e) >= 2));
}

#[test]
fn edge_filters_compose_as_intersection() {
    let graph = embedded_graph();
    let relation = Filter {
        relations: vec![Relation::VISITED, Relation::ATTENDED, Relation::MET],
        ..Filter::default()
    };
    let document = Filter {
        documents: vec!["ties-timeline-2021".into()],
        ..Filter::default()
    };
    let window = Filter {
        from: Some("2021-08".parse().unwrap()),
        to: Some("2021-12".parse().unwrap()),
        ..Filter::default()
    };
    let both = Filter {
        relations: relation.relations.clone(),
        documents: document.documents.clone(),
        from: window.from,
        to: window.to,
        ..Filter::default()
    };
    let edges = |f: &Filter| -> BTreeSet<_> { f.apply(&graph).unwrap().edges().collect() };
    let expected: BTreeSet<_> = edges(&relation)
        .intersection(&edges(&document))
        .copied()
        .collect::<BTreeSet<_>>()
        .intersection(&edges(&window))
        .copied()
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(edges(&both), expected);
}

#[test]
fn text_and_kind_filters_match_names_and_aliases() {
    let graph = embedded_graph();
    let view = Filter {
        text: Some("SHOIGU".into()),
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    let shoigu = resolve(&graph, "Sergei Shoigu").unwrap();
    assert!(view.contains_node(shoigu));
    assert!(view.nodes().all(|n| {
        let node = graph.node(n);
        std::iter::once(&node.label)
            .chain(&node.aliases)
            .chain(std::iter::once(&node.id))
            .any(|name| name.to_lowercase().contains("shoigu"))
    }));
    let people = Filter {
        node_kinds: vec![NodeKind::PERSON],
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    assert!(
        people
            .nodes()
            .all(|n| graph.node(n).kind == NodeKind::PERSON)
    );
    assert!(people.edges().all(|e| {
        let (a, b) = graph.graph().edge_endpoints(e).unwrap();
        graph.node(a).kind == NodeKind::PERSON && graph.node(b).kind == NodeKind::PERSON
    }));
}

#[test]
fn focus_keeps_the_k_hop_neighbourhood() {
    let graph = embedded_graph();
    let mah = resolve(&graph, "Min Aung Hlaing").unwrap();
    let one = Filter {
        focus: vec!["Min Aung Hlaing".into()],
        hops: 1,
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    let neighbours: BTreeSet<_> = graph
        .neighbours(mah)
        .iter()
        .map(|&(n, _)| n)
        .chain([mah])
        .collect();
    assert_eq!(one.nodes().collect::<BTreeSet<_>>(), neighbours);
    let two = Filter {
        focus: vec!["Min Aung Hlaing".into()],
        hops: 2,
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    assert!(two.node_count() > one.node_count());
    // Composed with a relation filter, the neighbourhood follows only those claims.
    let met = Filter {
        focus: vec!["Min Aung Hlaing".into()],
        hops: 1,
        relations: vec![Relation::MET],
        hide_isolated: true,
        ..Filter::default()
    }
    .apply(&graph)
    .unwrap();
    assert!(met.node_count() > 1);
    assert!(
        met.edges()
            .all(|e| graph.claim(e).relation == Relation::MET)
    );
    assert!(met.node_count() < one.node_count());
}

#[test]
fn bad_filters_fail_with_a_clear_error() {
    let graph = embedded_graph();
    let unknown = Filter {
        focus: vec!["Shoygu".into()],
        ..Filter::default()
    };
    assert!(matches!(
        unknown.apply(&graph),
        Err(QueryError::UnknownEntity { .. })
    ));
    let document = Filter {
        documents: vec!["nope".into()],
        ..Filter::default()
    };
    assert!(
        document
            .apply(&graph)
            .unwrap_err()
            .to_string()
            .contains("secret-delegation")
    );
    let reversed = Filter {
        from: Some("2022".parse().unwrap()),
        to: Some("2021".parse().unwrap()),
        ..Filter::default()
    };
    assert!(matches!(
        reversed.apply(&graph),
        Err(QueryError::ReversedWindow { .. })
    ));
}

#[test]
fn saved_views_reproduce_and_know_their_dataset() {
    let graph = embedded_graph();
    let filter = Filter {
        relations: vec![Relation::MET],
        from: Some("2021".parse().unwrap()),
        focus: vec!["min-aung-hlaing".into()],
        hops: 2,
        ..Filter::default()
    };
    let saved = SavedFilter::new(graph.dataset(), filter.clone());
    let text = serde_json::to_string(&saved).unwrap();
    let back: SavedFilter = serde_json::from_str(&text).unwrap();
    assert_eq!(back.filter, filter);
    assert!(back.matches(graph.dataset()));
    assert_eq!(
        back.filter.apply(&graph).unwrap(),
        filter.apply(&graph).unwrap()
    );
    // Another dataset has another hash.
    let other = load("minimal.toml");
    assert!(!back.matches(other.dataset()));
    assert_eq!(dataset_hash(graph.dataset()), dataset_hash(graph.dataset()));
    // Unknown keys in a saved filter are refused, not ignored.
    let bad = text.replace("\"hops\"", "\"hopz\"");
    assert!(serde_json::from_str::<SavedFilter>(&bad).is_err());
}

/// A bounded enumeration must not hide a short time-respecting path: the
/// answer with a small limit equals the answer with a generous one.
#[test]
fn time_respecting_shortest_paths_do_not_depend_on_the_limit() {
    let graph = tiegraph::graph::TieGraph::new(tiegraph::synth::dataset(300, 3000, 42));
    let (a, b) = (
        resolve(&graph, "n0").unwrap(),
        resolve(&graph, "n123").unwrap(),
    );
    let lengths = |limit| {
        let query = PathQuery {
            time_respecting: true,
            allow_hubs: true,
            limit,
            ..PathQuery::default()
        };
        find_paths(
            &graph,
            None,
            &Reviews::default(),
            a,
            b,
            PathMode::AllShortest,
            &query,
        )
        .unwrap()
        .paths
        .iter()
        .map(|p| p.len())
        .collect::<BTreeSet<_>>()
    };
    let small = lengths(5);
    assert_eq!(small.len(), 1);
    assert_eq!(small, lengths(100_000));
}

#[test]
fn an_exact_id_always_names_its_own_entity() {
    let graph = embedded_graph();
    for node in &graph.dataset().nodes {
        assert_eq!(
            graph.find(&node.id),
            graph.node_index(&node.id),
            "{}",
            node.id
        );
    }
}
