use calamine::{Data, DataType, Reader, Xlsx, open_workbook};

use super::*;
use crate::followup::{Obligation, Span};
use crate::ident::Bin;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn rows() -> Vec<FinancialCentreRow> {
    let school =
        Employer::Registered { bin: Bin::parse("940140000385").unwrap(), name: "№5 мектеп".into() };
    let worked = Period {
        id: 1,
        activity: Activity::Work(school.clone()),
        span: Span::new(d("2025-09-01"), Some(d("2026-08-31"))).unwrap(),
        note: Some("өз еркімен кетті".into()),
    };
    let centre =
        Period { id: 2, activity: Activity::Centre, span: Span::ongoing(d("2026-10-01")), note: None };
    let periods = vec![worked, centre];
    let obligation = Obligation::new(
        3,
        d("2025-09-01"),
        periods.iter().map(|p| (p.activity.kind(), p.span)),
        Some(1_000_000),
    )
    .unwrap();
    vec![
        FinancialCentreRow {
            iin: Iin::parse("061211600012").unwrap(),
            surname: "Әбілқасымова".into(),
            name: "Гүлнұр".into(),
            patronymic: None,
            program_code: "6B01501".into(),
            program_name: "Математика".into(),
            level: Level::Bachelor,
            funding: Funding::Serpin,
            graduation_year: 2025,
            term_years: 3,
            decision: "жолдама".into(),
            employer: Some(school),
            arrival: Some(d("2025-09-01")),
            periods,
            status: obligation.status(d("2026-12-31")),
        },
        FinancialCentreRow {
            iin: Iin::parse("871008401427").unwrap(),
            surname: "Иванов".into(),
            name: "Пётр".into(),
            patronymic: Some("Сергеевич".into()),
            program_code: "7M01101".into(),
            program_name: "Педагогика".into(),
            level: Level::Master,
            funding: Funding::StateOrder,
            graduation_year: 2025,
            term_years: 3,
            decision: "жолдама".into(),
            employer: None,
            arrival: None,
            periods: Vec::new(),
            status: Obligation::new(3, d("2025-09-01"), [], None).unwrap().status(d("2025-08-01")),
        },
    ]
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

#[test]
fn the_list_reads_back_with_dates_numbers_and_iins_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("қаржы орталығы.xlsx");
    write_financial_centre(&rows(), Lang::Kk, &path).unwrap();

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Түлектер", "Кезеңдер"]);
    let sheet = book.worksheet_range("Түлектер").unwrap();
    let headers: Vec<Data> = (0..20).map(|c| cell(&sheet, 0, c)).collect();
    let expected: Vec<Data> = GRADUATES.iter().map(|c| Data::String(c.kk.into())).collect();
    assert_eq!(headers, expected);
    assert_eq!(sheet.height(), 3);

    // The leading zero of a 2006 birth survives: the IIN is text.
    assert_eq!(cell(&sheet, 1, 0), Data::String("061211600012".into()));
    assert_eq!(cell(&sheet, 1, 7), Data::String("Серпін".into()));
    assert_eq!(cell(&sheet, 1, 8), Data::Float(2025.0));
    assert_eq!(cell(&sheet, 1, 12), Data::String("940140000385".into()));
    let arrival = cell(&sheet, 1, 13);
    assert!(matches!(arrival, Data::DateTime(_)), "{arrival:?}");
    assert_eq!(arrival.as_date(), Some(d("2025-09-01")));
    // Worked a year, a month out of work, then at the centre since 1 October 2026.
    assert_eq!(
        cell(&sheet, 1, 14),
        Data::String("Жұмыс, №5 мектеп: 01.09.2025 – 31.08.2026; Жұмыспен қамту орталығында тіркеу: 01.10.2026 – қазірге дейін".into())
    );
    assert_eq!(cell(&sheet, 1, 15), Data::Float(365.0 + 92.0));
    assert_eq!(cell(&sheet, 1, 17).as_date(), Some(d("2028-09-30")));
    assert_eq!(cell(&sheet, 1, 18), Data::String("Өтеп жүр".into()));
    // 1 000 000 × 639 / 1096 = 583 029.2 → 583 029.
    assert_eq!(cell(&sheet, 1, 19), Data::Float(583_029.0));

    assert_eq!(cell(&sheet, 2, 3), Data::String("Сергеевич".into()));
    assert_eq!(cell(&sheet, 2, 13), Data::Empty);
    assert_eq!(cell(&sheet, 2, 18), Data::String("Басталған жоқ".into()));
    assert_eq!(cell(&sheet, 2, 19), Data::Empty);

    let periods = book.worksheet_range("Кезеңдер").unwrap();
    assert_eq!(periods.height(), 3);
    assert_eq!(cell(&periods, 1, 0), Data::String("061211600012".into()));
    assert_eq!(cell(&periods, 1, 1), Data::String("Әбілқасымова Гүлнұр".into()));
    assert_eq!(cell(&periods, 1, 6).as_date(), Some(d("2026-08-31")));
    assert_eq!(cell(&periods, 2, 2), Data::String("Жұмыспен қамту орталығында тіркеу".into()));
    assert_eq!(cell(&periods, 2, 6), Data::Empty);
}

#[test]
fn russian_headers_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fc.xlsx");
    write_financial_centre(&rows(), Lang::Ru, &path).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Выпускники", "Периоды"]);
    let sheet = book.worksheet_range("Выпускники").unwrap();
    assert_eq!(cell(&sheet, 0, 0), Data::String("ИИН".into()));
    assert_eq!(cell(&sheet, 1, 6), Data::String("Бакалавриат".into()));
    assert_eq!(cell(&sheet, 1, 18), Data::String("Отрабатывает".into()));
}

#[test]
fn an_unwritable_path_is_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let error =
        write_financial_centre(&rows(), Lang::Kk, &dir.path().join("no/such/folder.xlsx")).unwrap_err();
    use crate::i18n::UserFacing;
    assert_eq!(error.code(), "export_write_failed");
    assert!(error.message().ru.contains("folder.xlsx"));
}
