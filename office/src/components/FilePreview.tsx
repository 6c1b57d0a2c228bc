import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Image, Spin, Typography } from 'antd';
import { t } from '../i18n';

/** Where a readable file's bytes are; `inline` asks the server for a preview response (images and PDFs only). */
export const fileUrl = (id: string, inline = false) => `/api/files/${encodeURIComponent(id)}${inline ? '?inline=true' : ''}`;

/** Shows an image or every page of a PDF in the page itself (pdf.js on a canvas: no plug-in, no frame). */
export function FilePreview({ id, kind, name }: { id: string; kind: 'image' | 'pdf'; name: string }) {
  if (kind === 'image') {
    return <Image src={fileUrl(id, true)} alt={t('files.previewOf', { name })} style={{ maxWidth: '100%', maxHeight: 720 }} />;
  }
  return <PdfPreview id={id} name={name} />;
}

interface PdfState { pages: number; page: number }

function PdfPreview({ id, name }: { id: string; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const doc = useRef<any>(null);
  const [state, setState] = useState<PdfState | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let task: any;
    (async () => {
      // Loaded on demand: pdf.js is large and only this preview needs it.
      const pdfjs = await import('pdfjs-dist');
      const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      task = pdfjs.getDocument({
        url: fileUrl(id, true),
        withCredentials: true,
        isEvalSupported: false,
        cMapUrl: '/office/pdfjs/cmaps/',
        cMapPacked: true,
        standardFontDataUrl: '/office/pdfjs/standard_fonts/',
      });
      const pdf = await task.promise;
      if (cancelled) return;
      doc.current = pdf;
      setState({ pages: pdf.numPages, page: 1 });
    })().catch((err: Error) => { if (!cancelled) setError(err.message); });
    return () => { cancelled = true; void task?.destroy(); };
  }, [id]);

  useEffect(() => {
    if (!state || !doc.current || !canvas.current) return;
    let render: any;
    (async () => {
      const page = await doc.current.getPage(state.page);
      const viewport = page.getViewport({ scale: 1.5 });
      const c = canvas.current!;
      c.width = viewport.width;
      c.height = viewport.height;
      render = page.render({ canvas: c, canvasContext: c.getContext('2d')!, viewport });
      await render.promise;
      c.dataset.rendered = String(state.page);
    })().catch((err: Error) => { if (err?.name !== 'RenderingCancelledException') setError(err.message); });
    return () => render?.cancel();
  }, [state]);

  if (error) return <Alert type="error" showIcon title={t('files.previewFailed')} description={error} />;
  if (!state) return <Spin description={t('app.loading')} />;
  const go = (page: number) => setState({ ...state, page });
  return (
    <div>
      <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
        <Button onClick={() => go(state.page - 1)} disabled={state.page <= 1}>{t('files.prevPage')}</Button>
        <Typography.Text aria-live="polite">{t('files.pageOf', { page: state.page, pages: state.pages })}</Typography.Text>
        <Button onClick={() => go(state.page + 1)} disabled={state.page >= state.pages}>{t('files.nextPage')}</Button>
      </Flex>
      <canvas ref={canvas} role="img" aria-label={t('files.pdfPageOf', { name, page: state.page, pages: state.pages })}
        style={{ maxWidth: '100%', border: '1px solid #d9d9d9' }} />
    </div>
  );
}
