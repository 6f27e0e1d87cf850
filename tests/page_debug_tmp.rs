#[test]
fn dump() {
    for f in ["listing", "jsonld", "state"] {
        let bytes = std::fs::read(format!("tests/fixtures/page/{f}.html")).unwrap();
        let p = fineprint::page::read(&bytes, &Default::default());
        println!(
            "==== {f}: lang={:?} title={:?} desc={:?} enc={} warnings={:?}",
            p.lang, p.title, p.description, p.encoding, p.warnings
        );
        for b in &p.blocks {
            println!("{:?}\t{:?}\t{}", b.kind, b.group, &p.text[b.start..b.end]);
        }
        for (i, g) in p.groups.iter().enumerate() {
            println!("group {i}: {g:?}");
        }
        for d in &p.data {
            println!("{d:?}");
        }
    }
}
