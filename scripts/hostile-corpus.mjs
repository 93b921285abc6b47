// The hostile and broken files the trust tests drop (issue 7), generated so nothing binary or huge
// is committed. Each entry: the file, and what the page must say (a regular expression over the
// alert text; null when the file must load without a word).

const enc = new TextEncoder();
const OPP_HEADER = 'opportunity_id,created_at,stage,amount,close_date,owner';
const rows = (n, from = 0) => Array.from({ length: n }, (_, i) => `H${from + i},2024-02-0${1 + (i % 9)},Closed Won,${100 + i},2024-03-0${1 + (i % 9)},Eve`);

export function hostileCorpus() {
  // UTF-8 names (Zoë, Müller, São Paulo), then one name written in Latin-1 (René: 0xE9 alone).
  const latin1Bytes = [...enc.encode(`${OPP_HEADER}\nH1,2024-02-01,Closed Won,100,2024-03-01,Zoë Müller\nH2,2024-02-02,Closed Won,200,2024-03-02,São Paulo\nH3,2024-02-03,Closed Won,300,2024-03-03,`), 0x52, 0x65, 0x6e, 0xe9, 0x0a];
  const wideHeader = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',');
  return [
    { name: 'empty.csv', bytes: new Uint8Array(0), alert: /“empty\.csv” is empty/ },
    { name: 'header-only.csv', bytes: enc.encode(`${OPP_HEADER}\n`), alert: /“header-only\.csv” has a header row but no data rows/ },
    { name: 'random.bin', bytes: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), alert: /“random\.bin” is not a text CSV file/ },
    { name: 'book.xlsx', bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, ...enc.encode('[Content_Types].xml')]), alert: /“book\.xlsx” is not a text CSV file/ },
    { name: 'tickets.csv', bytes: enc.encode('ticket_id,priority,satisfaction\nT1,high,4\n'), alert: /“tickets\.csv” was not recognised/ },
    { name: 'truncated.csv', bytes: enc.encode(`${OPP_HEADER}\n${rows(5).join('\n')}\nH99,2024-02-0`), alert: /“truncated\.csv” that could not be read and are not counted: 1/ },
    { name: 'unclosed-quote.csv', bytes: enc.encode(`${OPP_HEADER}\n${rows(3).join('\n')}\nH98,2024-02-01,"Closed Won,100,2024-03-01,Eve\n`), alert: /“unclosed-quote\.csv” that could not be read and are not counted: 1 \(row 5: a quote is not closed\)/, rows: 3 },
    { name: 'joined-by-quote.csv', bytes: enc.encode(`${OPP_HEADER}\n${rows(2).join('\n')}\nH97,2024-02-01,"Closed Won,100,2024-03-01,Eve\n${rows(2, 10).join('\n')}\nH98,2024-02-01,"Closed, Won",7,2024-03-01,Eve\n`), alert: /In “joined-by-quote\.csv”, 3 line\(s\) were read as part of a quoted value, from data row 3 on/, rows: 3 },
    { name: 'empty-amounts.csv', bytes: enc.encode(`${OPP_HEADER}\nE1,2024-02-01,Closed Won,,2024-03-01,Eve\nE2,2024-02-02,Closed Lost,,2024-03-02,Eve\n`), alert: /The column “amount” of “empty-amounts\.csv”, used as Amount, is empty in every row/, rows: 2 },
    { name: 'wide.csv', bytes: enc.encode(`${wideHeader}\n${wideHeader.replaceAll('c', '')}\n`), alert: /“wide\.csv” has 10000 columns/ },
    { name: 'mixed-encoding.csv', bytes: Uint8Array.from(latin1Bytes), alert: /“mixed-encoding\.csv” is UTF-8 with some bytes that are not/ },
    { name: 'blank-headers.csv', bytes: enc.encode(`opportunity_id,,created_at,stage,amount,,close_date\nH1,x,2024-02-01,Closed Won,5,y,2024-03-01\n`), alert: /“blank-headers\.csv” has 2 columns without a name/ },
    { name: 'duplicate-headers.csv', bytes: enc.encode(`opportunity_id,created_at,stage,amount,amount,close_date\nH1,2024-02-01,Closed Won,5,6,2024-03-01\n`), alert: /“duplicate-headers\.csv” has columns named more than once \(“amount”\)/ },
    { name: 'long-field.csv', bytes: enc.encode(`${OPP_HEADER},notes\nH1,2024-02-01,Closed Won,100,2024-03-01,Eve,${'x'.repeat(10 * 1024 * 1024)}\nH2,2024-02-02,Closed Lost,50,2024-03-02,Eve,short\n`), alert: /“long-field\.csv” has very long rows/, rows: 2 },
  ];
}

/** Headers and values that would run as markup, script or spreadsheet formulas if handled carelessly. */
export function markupFile() {
  const header = 'opportunity_id,created_at,stage,amount,close_date,owner,<img src=x onerror="window.__pwned=1">';
  const lines = [
    header,
    'X1,2024-02-01,Closed Won,100,2024-03-01,<script>window.__pwned=2</script>,<b>bold</b>',
    'X2,2024-02-02,Closed Won,200,2024-03-02,"=HYPERLINK(""http://evil.example/"",""click"")",+cmd|calc',
    'X3,2024-02-03,Closed Lost,300,2024-03-03,@SUM(1+1),-2+3',
    "X4,2024-02-04,Closed Won,400,2024-03-04,Robert'); DROP TABLE opportunities;--,ok",
  ];
  return { name: '<svg onload=alert(1)>.csv', bytes: enc.encode(`${lines.join('\n')}\n`) };
}
