import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { createOrg, createStaff, TEST_PASSWORD } from '../support/fixtures.js';
import { expectNoAxeViolations } from '../support/browser.js';
import { officePage, screenshotOnFailure, signInOffice, startOffice } from '../support/office.js';

/** A valid one-page PDF showing `text` (Helvetica), with a correct cross-reference table. */
function pdfWith(text: string, pages = 2): Buffer {
  const objects: string[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (let i = 0; i < pages; i++) {
    const stream = `BT /F1 24 Tf 72 720 Td (${text} ${i + 1}) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => { offsets.push(Buffer.byteLength(out)); out += `${i + 1} 0 obj\n${body}\nendobj\n`; });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A width × height red PNG. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (b: Buffer) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([200, 30, 30]))]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test('a member of staff previews an image and every page of a PDF attached to a record of their department; another department is refused', async () => {
  const office = await startOffice();
  const { p, base, page, scriptErrors, browser } = office;
  try {
    const city = await createOrg(p, { name: '预览市人民政府', kind: 'government' });
    const deptA = await createOrg(p, { parent: city, name: '预览市市场监督管理局' });
    const deptB = await createOrg(p, { parent: city, name: '预览市税务局' });
    const clerk = await createStaff(p, { org: deptA, roles: ['caseHandler'], username: 'e2e_preview_a', displayName: '预览承办人' });
    await createStaff(p, { org: deptB, roles: ['caseHandler'], username: 'e2e_preview_b', displayName: '他局承办人' });

    // A record's attachments: readable by the staff of the department that owns the record.
    p.kernel.files.defineUse('test.caseMaterial', {
      maxBytes: 1024 * 1024, types: ['application/pdf', 'image/png'], personal: true,
      canRead: (actor, ownerRef) => actor.kind === 'staff' && ownerRef === `record:${deptA.id}` && actor.orgId === deptA.id,
    });
    const save = (name: string, data: Buffer) => p.kernel.db.tx((tx) => p.kernel.files.save(tx, { use: 'test.caseMaterial', data, name, uploadedBy: clerk.id, orgId: deptA.id, ownerRef: `record:${deptA.id}` }));
    const pdf = await save('营业执照申请书.pdf', pdfWith('Application form', 2));
    const image = await save('现场照片.png', png(64, 48));

    await signInOffice(page, base, 'e2e_preview_a', TEST_PASSWORD);

    // The image: shown in the page, decoded by the browser.
    await page.goto(`${base}/office/files/${image.id}`);
    await page.getByRole('heading', { name: '现场照片.png', level: 1 }).waitFor();
    const img = page.getByRole('img', { name: '现场照片.png 的预览' });
    await img.waitFor();
    await page.waitForFunction(() => { const i = document.querySelector('img.ant-image-img') as HTMLImageElement | null; return !!i && i.complete && i.naturalWidth > 0; });
    assert.equal(await img.evaluate((i: HTMLImageElement) => `${i.naturalWidth}x${i.naturalHeight}`), '64x48');
    await expectNoAxeViolations(page, 'file preview (image)');

    // The PDF: drawn page by page by pdf.js on the page itself.
    await page.goto(`${base}/office/files/${pdf.id}`);
    await page.getByRole('heading', { name: '营业执照申请书.pdf', level: 1 }).waitFor();
    await page.getByText('第 1 页，共 2 页').waitFor();
    await page.locator('canvas[data-rendered="1"]').waitFor();
    const painted = await page.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 100 && d[i + 3] > 0) dark++;
      return dark;
    });
    assert.ok(painted > 50, `the page's text is drawn on the canvas (${painted} dark pixels)`);
    await page.getByRole('button', { name: '下一页' }).click();
    await page.getByText('第 2 页，共 2 页').waitFor();
    await page.locator('canvas[data-rendered="2"]').waitFor();
    assert.ok(await page.getByRole('link', { name: '下载' }).isVisible());
    await expectNoAxeViolations(page, 'file preview (PDF)');
    assert.deepEqual(scriptErrors, [], 'no script errors or CSP refusals');

    // Personal files: every read is in the audit log.
    const reads = await p.kernel.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'files.download' AND target_id = $1 AND outcome = 'success'`, [pdf.id]);
    assert.ok(reads.n >= 1, 'the preview read is audited');

    // Another department's staff: the same address shows nothing of the file.
    const other = await officePage(browser);
    try {
      await signInOffice(other.page, base, 'e2e_preview_b', TEST_PASSWORD);
      await other.page.goto(`${base}/office/files/${pdf.id}`);
      await other.page.getByRole('alert').waitFor();
      assert.equal(await other.page.getByText('营业执照申请书.pdf').count(), 0, 'the name is not revealed');
      assert.equal(await other.page.locator('canvas').count(), 0);
      const res = await other.page.request.get(`${base}/api/files/${pdf.id}?inline=true`);
      assert.equal(res.status(), 404);
    } finally {
      await other.page.close();
    }
  } catch (err) {
    await screenshotOnFailure(page, 'office-file-preview');
    throw err;
  } finally {
    await office.close();
  }
});
