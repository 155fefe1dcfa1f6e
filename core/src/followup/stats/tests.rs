use calamine::{Data, Reader, Xlsx, open_workbook};

use super::*;

fn programme(code: &str, name: &str) -> Programme {
    Programme { code: code.into(), name: name.into() }
}

fn input(code: &str, funding: Funding, region: Option<Region>, outcome: Outcome) -> PlacementInput {
    let name = if code == "6B01501" { "Математика" } else { "Физика" };
    PlacementInput { programme: programme(code, name), funding, region, outcome }
}

fn inputs() -> Vec<PlacementInput> {
    use Funding::{RuralQuota, Serpin, StateOrder};
    use Outcome::{Deferred, EmploymentCentre, Exempt, NoDecision, Vacancy};
    vec![
        input("6B01501", StateOrder, Some(Region::Abai), Vacancy),
        input("6B01501", StateOrder, Some(Region::Astana), Vacancy),
        input("6B01501", RuralQuota, Some(Region::Abai), Vacancy),
        input("6B01501", RuralQuota, None, EmploymentCentre),
        input("6B01502", Serpin, Some(Region::Ulytau), Vacancy),
        input("6B01502", Serpin, None, Exempt),
        input("6B01502", StateOrder, None, Deferred),
        input("6B01502", StateOrder, None, NoDecision),
    ]
}

fn tally(counts: [u32; 5]) -> Tally {
    Tally { counts }
}

#[test]
fn counts_by_programme_category_and_region() {
    let stats = PlacementStats::compute(&inputs());
    assert_eq!(
        stats.by_programme,
        [
            (programme("6B01501", "Математика"), tally([3, 1, 0, 0, 0])),
            (programme("6B01502", "Физика"), tally([1, 0, 1, 1, 1])),
        ]
    );
    assert_eq!(
        stats.by_funding,
        [
            (Funding::StateOrder, tally([2, 0, 0, 1, 1])),
            (Funding::RuralQuota, tally([1, 1, 0, 0, 0])),
            (Funding::Serpin, tally([1, 0, 1, 0, 0])),
        ]
    );
    // Classifier order (Abai before Ulytau before Astana), no region last.
    assert_eq!(
        stats.by_region,
        [
            (Some(Region::Abai), tally([2, 0, 0, 0, 0])),
            (Some(Region::Ulytau), tally([1, 0, 0, 0, 0])),
            (Some(Region::Astana), tally([1, 0, 0, 0, 0])),
            (None, tally([0, 1, 1, 1, 1])),
        ]
    );
    assert_eq!(stats.total, tally([4, 1, 1, 1, 1]));
    assert_eq!(stats.total.total(), 8);
}

#[test]
fn shares_are_of_the_row_total() {
    let t = tally([3, 1, 0, 0, 0]);
    assert_eq!(t.share(Outcome::Vacancy), 0.75);
    assert_eq!(t.share(Outcome::EmploymentCentre), 0.25);
    assert_eq!(t.share(Outcome::Exempt), 0.0);
    assert_eq!(Tally::default().share(Outcome::Vacancy), 0.0);
    let total: f64 = Outcome::ALL.iter().map(|&o| tally([1, 2, 3, 4, 5]).share(o)).sum();
    assert!((total - 1.0).abs() < 1e-12);
}

#[test]
fn nothing_to_count() {
    let stats = PlacementStats::compute(&[]);
    assert!(stats.by_programme.is_empty() && stats.by_funding.is_empty() && stats.by_region.is_empty());
    assert_eq!(stats.total.total(), 0);
}

#[test]
fn the_tables_read_back_one_sheet_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stats.xlsx");
    PlacementStats::compute(&inputs()).write_xlsx(2025, Lang::Ru, &path).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["По программам", "По финансированию", "По регионам"]);
    // The file says its cohort's year in its title.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let properties = std::io::read_to_string(zip.by_name("docProps/core.xml").unwrap()).unwrap();
    assert!(properties.contains("<dc:title>Трудоустройство выпуска 2025 года</dc:title>"), "{properties}");

    let programmes = book.worksheet_range("По программам").unwrap();
    let row =
        |r: u32| -> Vec<Data> { (0..13).map(|c| programmes.get_value((r, c)).cloned().unwrap()).collect() };
    let s = |t: &str| Data::String(t.into());
    let n = Data::Float;
    assert_eq!(
        row(0),
        [
            s("Код программы"),
            s("Образовательная программа"),
            s("Всего"),
            s("Направлено на вакансию"),
            s("%"),
            s("Направлено в центр занятости"),
            s("%"),
            s("Освобождено от отработки"),
            s("%"),
            s("Отсрочка"),
            s("%"),
            s("Нет решения"),
            s("%"),
        ]
    );
    assert_eq!(
        row(1),
        [
            s("6B01501"),
            s("Математика"),
            n(4.0),
            n(3.0),
            n(0.75),
            n(1.0),
            n(0.25),
            n(0.0),
            n(0.0),
            n(0.0),
            n(0.0),
            n(0.0),
            n(0.0)
        ]
    );
    assert_eq!(programmes.get_value((3, 0)), Some(&s("Итого")));
    assert_eq!(programmes.get_value((3, 2)), Some(&n(8.0)));

    let regions = book.worksheet_range("По регионам").unwrap();
    assert_eq!(regions.get_value((4, 0)), Some(&s("Без работодателя")));
    assert_eq!(regions.get_value((5, 0)), Some(&s("Итого")));
}
